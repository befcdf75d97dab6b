"""The Trends and Weekly review pages in Persian and Chinese (AppTest): their headings are translated,
nothing fails, and every chart they draw is a valid Vega-Lite spec with the Persian number locale."""
import pytest

from analytics import i18n
from apptest_helpers import chart_specs, errors, run_page

HEADINGS = {
    ("trends", "fa"): ("روندها", "نمودار کنترل: نشانه یا نوسان؟"),
    ("trends", "zh"): ("趋势", "控制图：信号还是噪声？"),
    ("review", "fa"): (None, "شاخص‌های اصلی"),
    ("review", "zh"): (None, "核心指标"),
}


@pytest.mark.parametrize("page, lang", list(HEADINGS))
def test_page_in_language(sample_db, page, lang):
    # AppTest's switch_page re-reads the widgets' labels with their format_func in the test's own thread,
    # which has no Streamlit session: the same language there (the app's runs see the session's)
    with i18n.using(lang):
        at = run_page(sample_db, page=page, params={"lang": lang})
    assert not errors(at)
    title, heading = HEADINGS[(page, lang)]
    if title:
        assert at.title[0].value == title
    assert heading in [s.value for s in at.subheader]
    specs = chart_specs(at)
    assert specs
    if lang == "fa":
        assert all(s.get("config", {}).get("locale", {}).get("number", {}).get("numerals", [None])[1] == "۱"
                   for s in specs)
