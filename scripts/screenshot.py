"""Screenshot app pages in headless Debian chromium: python scripts/screenshot.py URL OUT.png [more URL OUT pairs]."""
import sys

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


def main(pairs):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 1100})
        for url, out in zip(pairs[::2], pairs[1::2]):
            page.goto(url)
            page.wait_for_selector("[data-testid='stAppViewContainer']", timeout=30000)
            page.wait_for_timeout(2000)
            # Streamlit shows a "Stop" button while the script runs
            page.wait_for_function("() => ![...document.querySelectorAll('button')].some(b => b.innerText.trim() === 'Stop')",
                                   timeout=120000)
            page.wait_for_timeout(2500)
            page.screenshot(path=out, full_page=True)
            print("saved", out)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
