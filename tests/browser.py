"""A real Streamlit server and headless Debian chromium for tests of what only a browser shows."""
from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(db: Path, env: dict | None = None):
    port = _free_port()
    full_env = {**os.environ, "SWITCHBOARD_DB": str(db), **(env or {})}
    # the server's output goes to a file: a pipe nobody reads fills up (64 KiB) and then blocks the
    # server mid-run; the file is also what to read when a browser test fails
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / f"server-{port}.log", "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.headless", "true", "--server.address", "127.0.0.1"],
        cwd=ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 180  # a loaded machine starts a server slowly
        while time.time() < deadline:
            try:
                urllib.request.urlopen(base + "/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("streamlit did not start")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@contextlib.contextmanager
def browser_page(width: int = 1500, height: int = 1100):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
            page.add_init_script(_RECORD_ADDRESSES)
            yield page
        finally:
            browser.close()


# every address the app writes (pushState/replaceState), so a failed wait on the address can say what
# the address went through
_RECORD_ADDRESSES = """
(() => {
  window.__addresses = [location.pathname + location.search];
  for (const name of ['pushState', 'replaceState']) {
    const original = history[name].bind(history);
    history[name] = (state, title, url) => {
      const out = original(state, title, url);
      window.__addresses.push(name + ' ' + location.pathname + location.search);
      return out;
    };
  }
  window.addEventListener('popstate', () => window.__addresses.push('popstate ' + location.pathname + location.search));
})();
"""


def addresses(page) -> list[str]:
    """The addresses this page went through (see _RECORD_ADDRESSES)."""
    try:
        return page.evaluate("window.__addresses || []")
    except Exception:  # the page is gone
        return []


def wait_for_app(page, timeout: int = 90000, ready: str = "h1") -> None:
    """Wait until the script run has finished: the page's `ready` element is there and Streamlit's
    "Stop" button (shown while a script runs) is gone, twice, a moment apart."""
    page.wait_for_selector("[data-testid='stAppViewContainer']", timeout=timeout)
    page.wait_for_selector(ready, timeout=timeout)
    idle = "() => ![...document.querySelectorAll('button')].some(b => b.innerText.trim() === 'Stop')"
    for _ in range(2):
        page.wait_for_function(idle, timeout=timeout)
        page.wait_for_timeout(1000)


def click_table_row(page, table_key: str, row: int = 0) -> None:
    """Click the row marker (first ~30 px) of body row `row` of a single-row-selection table (the grid
    is a canvas: a row is a place, not an element)."""
    grid = page.locator(f".st-key-{table_key}")
    grid.scroll_into_view_if_needed()
    # the app's own scroll container settles before the box is measured: on a loaded machine a fixed
    # pause was not always enough and the click landed beside the row (a lost click, no selection)
    page.wait_for_timeout(1000)
    box = grid.bounding_box()
    for _ in range(40):
        page.wait_for_timeout(500)
        before, box = box, grid.bounding_box()
        if box == before:
            break
    page.mouse.click(box["x"] + 15, box["y"] + 35 * (row + 1) + 18)


def url_param(url: str, key: str) -> str | None:
    """The value of `key` in a page address (None when absent)."""
    m = re.search(rf"[?&]{key}=([^&]*)", url)
    return m.group(1) if m else None


def _has_param(key: str, pattern: str = "[^&]+") -> str:
    return f"() => /[?&]{key}={pattern}(&|$)/.test(window.location.search)"


def wait_param(page, key: str, pattern: str = "[^&]+", timeout: int = 90000) -> str:
    """Wait until the address names `key` (matching `pattern`) and return its value."""
    try:
        page.wait_for_function(_has_param(key, pattern), timeout=timeout)
    except Exception as e:  # playwright's TimeoutError: say what the address went through
        raise AssertionError(f"the address never named {key}; it went through:\n  "
                             + "\n  ".join(addresses(page)[-12:])) from e
    return url_param(page.url, key)


def select_row(page, table_key: str, row: int, param: str, timeout: int = 90000) -> str:
    """Click a table row whose selection opens something named in the address (`param`, e.g. the
    agent) and return its value. A click can be lost on a loaded machine (the grid redrawn under the
    pointer); it is clicked again only when the app is idle and the address still lacks the value —
    a slow rerun is waited for, never clicked twice. Twice in fresh-clone CI runs (never on a
    developer's machine, loaded or not) three clicks on the Agents page just after a page switch were
    all lost; the same address reloaded (the link a manager would open) is then clicked again, so the
    test still fails when a row click does not open the item, and the screenshots of the lost clicks
    and the addresses the page went through are left for a look."""
    has = _has_param(param)
    for load in range(2):
        for attempt in range(3):
            click_table_row(page, table_key, row)
            try:
                page.wait_for_function(has, timeout=20000)
                return wait_param(page, param, timeout=timeout)
            except Exception:  # playwright's TimeoutError: the rerun is slow, or the click was lost
                wait_for_app(page, timeout=timeout, ready=f".st-key-{table_key}")
                if page.evaluate(has):
                    return wait_param(page, param, timeout=timeout)
                screenshot(page, f"lost_click_{table_key}_{load + 1}_{attempt + 1}")
        if load == 0:
            print(f"select_row: three clicks on {table_key} lost; addresses: {addresses(page)[-12:]}")
            page.reload()
            wait_for_app(page, timeout=timeout, ready=f".st-key-{table_key}")
    return wait_param(page, param, timeout=timeout)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    out = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(out), full_page=True)
    return out


def sign_in(page, base: str, path: str, username: str, password: str = "correct horse") -> None:
    """Open `path` (e.g. "review" or "agents?supervisors=S02") and sign in with the users-mode form."""
    page.goto(f"{base}/{path}")
    # a fresh server's first request runs through Streamlit's legacy pages mode first: be patient
    page.get_by_label("User name", exact=True).wait_for(timeout=180000)
    page.get_by_label("User name", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
