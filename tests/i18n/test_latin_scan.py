"""No English left on the translated pages, by the stronger scan (tests/latin_scan.py): in Persian and
Chinese, a page shows no run of three or more Latin letters other than the warehouse's own data values
(names, ids, queues, sites, reasons…), the glossary's "Kept in Latin letters" words and Streamlit's
chrome — read from everything the page shows (headings, markdown, captions, notices, tiles, widget
labels, options and help, table headers and text cells, chart titles, axes, legends and labels)."""
import pytest

from analytics import i18n
from apptest_helpers import chart_texts, english_left, errors, page_texts, run_page
from latin_scan import EXCEPTIONS, data_values, latin_left, report

# the pages translated in full whose every word has passed this scan (docs/i18n.md)
SCANNED = ["overview", "review", "trends"]


@pytest.fixture(scope="module")
def values(sample_db):
    return data_values(sample_db)


@pytest.mark.parametrize("page", SCANNED)
@pytest.mark.parametrize("lang", ["fa", "zh"])
def test_no_latin_word_left(sample_db, values, page, lang):
    with i18n.using(lang):   # AppTest re-reads widget labels in the test's thread (tests/i18n/test_pages_languages.py)
        at = run_page(sample_db, page=page, params={"lang": lang}, timeout=240)
    assert not errors(at)
    texts = page_texts(at, cells=True) + chart_texts(at)
    assert len(texts) > 20                         # the page was read
    assert english_left(texts) == []
    left = latin_left(texts, values)
    assert not left, f"{page} in {lang}: Latin words left\n" + report(left)


def test_the_scan_finds_english_and_spares_data():
    values = {"Technical support", "Billing", "A0017", "Sara Wilson"}
    text = ":red-badge[:material/cancel: 放弃率] **17\\.6%** Technical support · Billing · Sara Wilson"
    assert latin_left([text], values) == []                        # data, icons and colour directives
    assert [w for w, _ in latin_left(["سطح خدمت Default: Common standard"], values)] == [
        "Common", "Default", "standard"]
    assert latin_left(["نمودار XmR و آزمون Welch، قالب CSV"]) == []   # the glossary keeps these
    assert latin_left(["support_agent A0017 2026-W46 ms"]) == []     # ids, icon names, short units
    assert [w for w, _ in latin_left(["Technical support team"], {"Technical support"})] == ["team"]


def test_every_exception_has_a_reason():
    assert {"NPS", "Erlang", "CSV", "View"} <= set(EXCEPTIONS)
    assert all(len(why) > 10 for why in EXCEPTIONS.values())
