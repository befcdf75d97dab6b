"""The app in Persian and Chinese in a real browser: Persian pages are right-to-left (the main block and
the sidebar compute direction: rtl) with Persian digits, Chinese pages show Chinese labels, and no
English string of the catalog is left on the translated pages (a scan of the page text against every
English msgid); on the pages of LATIN_SCANNED, no Latin word at all but the data's own values and the
glossary's kept words (tests/latin_scan.py). Screenshots of each go to artifacts/."""
import re

import pytest

from analytics import i18n
from apptest_helpers import data_values as shown_data_values, english_left
from browser import browser_page, screenshot, wait_for_app
from latin_scan import ICONLESS_TEXT_JS, data_values, latin_left, report

PAGES = ["overview", "review", "quality", "staffing", "data", "settings", "agents", "organization",
         "attrition", "trends", "service", "customer", "benchmarks"]   # the pages translated in full (docs/i18n.md)
WITHOUT_NUMBERS = {"data"}   # the Data page before an import shows no number (the date picker's are Latin)
# the pages that also pass the stronger scan (no Latin word but data values; tests/i18n/test_latin_scan.py)
LATIN_SCANNED = ("overview", "review", "trends")


def page_text(page) -> str:
    """What a reader sees in the main block and the sidebar (not Streamlit's own menu chrome)."""
    return page.evaluate("""() => [...document.querySelectorAll(
        "[data-testid='stMain'], [data-testid='stSidebarContent']")].map(e => e.innerText).join("\\n")""")


def without_data(text: str, data: set[str]) -> str:
    """The page's text without the lines and table cells that are data values (a reason "Password reset"
    in a chart's labels or a table's cells is the data's, not an English word of the app)."""
    return "\n".join(p for p in re.split(r"[\n\t]", text) if p.strip() not in data)


def direction(page, testid: str) -> str:
    return page.evaluate(f"() => getComputedStyle(document.querySelector(\"[data-testid='{testid}']\")).direction")


@pytest.mark.slow
def test_persian_and_chinese_pages(demo_server, demo_db):
    values = data_values(demo_db)
    data = set(values) | shown_data_values(demo_db)   # the data and the published sources' own words
    with browser_page(width=1400, height=2400) as page:
        for lang in ("fa", "zh"):
            for name in PAGES:
                page.goto(f"{demo_server}/{name}?lang={lang}")
                wait_for_app(page, timeout=180000, ready="h1")
                page.wait_for_timeout(1500)
                screenshot(page, f"i18n_{name}_{lang}")
                text = without_data(page_text(page), data)
                assert english_left(text) == [], (lang, name, english_left(text))
                if name in LATIN_SCANNED:   # the text without icon names (drawn, not read)
                    left = latin_left(page.evaluate(ICONLESS_TEXT_JS), values)
                    assert not left, f"{name} in {lang}: Latin words left\n" + report(left)
                if lang == "fa":
                    assert direction(page, "stMain") == "rtl" and direction(page, "stSidebar") == "rtl"
                    assert name in WITHOUT_NUMBERS or re.search(r"[۰-۹]{2}", text), "no Persian digits on the page"
                else:
                    assert direction(page, "stMain") == "ltr"
                    assert re.search(r"[\u4e00-\u9fff]{2}", text)
            if lang == "fa":
                page.goto(f"{demo_server}/overview?lang=fa")
                wait_for_app(page, timeout=180000, ready="h1")
                assert page.locator("h1").first.inner_text().strip() == "نمای کلی"
                tile = page.locator(".st-key-tile_service_level_pct").inner_text()
                assert "سطح خدمت" in tile and re.search(r"[۰-۹]+٫[۰-۹]٪", tile), tile
            else:
                page.goto(f"{demo_server}/overview?lang=zh")
                wait_for_app(page, timeout=180000, ready="h1")
                assert page.locator("h1").first.inner_text().strip() == "总览"
                assert "服务水平" in page.locator(".st-key-tile_service_level_pct").inner_text()


def test_the_scan_finds_english():
    """The DOM scan can fail: English catalog strings in a text are found, data values are not."""
    assert "Headline KPIs" in english_left("شاخص‌ها Headline KPIs ۱۲")
    assert english_left("总览 服务水平 82.3% Billing 支持") == []
    assert i18n.LANGS == ("en", "fa", "zh")


def test_data_values_are_not_scanned():
    assert english_left(without_data("علت‌ها\nPassword reset\t۱۲", {"Password reset"})) == []
    assert english_left(without_data("Password\tPassword reset", {"Password reset"})) == ["Password"]


def test_icon_names_are_not_english_text():
    assert english_left("support_agent نمای کلی") == []
