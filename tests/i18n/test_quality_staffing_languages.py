"""The Quality and Staffing pages and the call card in Persian and Chinese (AppTest): nothing fails, the
title and headings are the language's, every chart is a valid Vega-Lite spec (with the Persian number
locale in Persian), and no English string of the catalog is left in the page's text, its tables' headers
or its charts' words (data values — names, queues, criteria — are not msgids)."""
from datetime import date

import duckdb
import pandas as pd
import pytest

from analytics import i18n
from analytics.calls import card
from analytics.core import units
import latin_scan
from apptest_helpers import chart_specs, chart_texts, data_values, english_left, errors, page_texts, run_page
from latin_scan import latin_left, report

WEEK = {"from": "2026-11-16", "to": "2026-11-22", "period": "custom", "grain": "day"}

PAGES = {
    ("quality", "fa"): ("کیفیت", "هشدارهای خودکار تماس"),
    ("quality", "zh"): ("质量", "自动通话标记"),
    ("staffing", "fa"): ("تأمین نیرو", "جاهایی که برنامه کم یا زیاد است"),
    ("staffing", "zh"): ("人力配置", "排班不足或过剩的时段"),
}


def _in_language(db, page, lang, params):
    """The page in `lang`, and what is left in English: catalog strings, and (the stronger scan of
    tests/latin_scan.py) any Latin word that is not a data value or a glossary exception."""
    # AppTest's switch_page re-reads widget labels with their format_func in the test's own thread (no
    # Streamlit session there): the same language in that thread
    with i18n.using(lang):
        at = run_page(db, page=page, params={"lang": lang, **params}, timeout=300)
        data = data_values(db)  # a criterion 'Resolution' is data, though the catalog has the word too
        texts = page_texts(at, cells=True, skip=data) + [t for t in chart_texts(at) if t not in data]
    assert len(texts) > 20                         # the page was read
    latin = latin_left(texts, latin_scan.data_values(db))
    # a documentation file's name ('docs/staffing.md') is not a word to translate
    return at, english_left([latin_scan.DOC_PATHS.sub(" ", t) for t in texts]) + ([report(latin)] if latin else [])


def _persian_numbers(specs) -> bool:
    return all(s.get("config", {}).get("locale", {}).get("number", {}).get("numerals", [None])[1] == "۱"
               for s in specs)


@pytest.mark.parametrize("page, lang", list(PAGES))
def test_page_in_language(sample_db, page, lang):
    at, left = _in_language(sample_db, page, lang, WEEK if page == "staffing" else {})
    assert not errors(at)
    title, heading = PAGES[(page, lang)]
    assert at.title[0].value == title
    assert heading in [s.value for s in at.subheader]
    assert left == [], left
    specs = chart_specs(at)
    assert specs
    if lang == "fa":
        assert _persian_numbers(specs)


def _a_full_call(db) -> tuple[str, str]:
    """An answered, transferred call with holds, a survey and a human evaluation: every part of the card."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        call_id, at = con.execute(
            "SELECT call_id, arrived_at FROM fct_calls WHERE outcome = 'answered' AND transferred AND hold_count > 1 "
            "AND csat IS NOT NULL AND m_human_evaluated = 1 ORDER BY arrived_at DESC LIMIT 1").fetchone()
    finally:
        con.close()
    return call_id, f"{at:%Y-%m-%d}"


@pytest.mark.parametrize("lang", ["fa", "zh"])
def test_call_card_in_language(sample_db, lang):
    call_id, day = _a_full_call(sample_db)
    params = {"from": day, "to": day, "period": "custom", "flag": "transfer", "call": call_id}
    at, left = _in_language(sample_db, "quality", lang, params)
    assert not errors(at)
    assert at.session_state["p_call"] == call_id
    text = "\n".join(page_texts(at))
    words = {"fa": ("رسیدگی", "حل مسئله", "نظرسنجی", "ارزیابی‌ها", "ارزیابی‌شده توسط"),
             "zh": ("处理", "解决情况", "满意度调查", "质检", "质检员：")}[lang]
    assert all(w in text for w in words), text
    assert left == [], left
    # the card's timeline: its parts and axis in the language
    charts = chart_texts(at)
    assert {"fa": "دقیقه از ورود تماس", "zh": "自呼入起的分钟数"}[lang] in charts
    assert {"fa": "مکالمه", "zh": "通话"}[lang] in charts
    if lang == "fa":
        assert _persian_numbers(chart_specs(at))


ROW = {"call_id": "C1", "arrived_at": pd.Timestamp("2026-10-13 09:14:05"), "queue": "Billing",
       "caller": "caller #1a2b3c4d", "outcome": "answered", "agent_id": "A7", "agent_name": "Mina Karimi",
       "supervisor_id": "S1", "supervisor_name": "Ava Gagnon", "wait_s": 12.0, "talk_s": 300.0, "hold_s": 65.0,
       "hold_count": 2, "acw_s": 30.0, "handle_s": 395.0, "dead_air_s": 0.0, "transferred": True, "legs": 3,
       "reason": "Billing dispute", "resolved": False, "repeated_within_window": True,
       "hours_since_callers_previous_call": 50.0}


def test_call_card_words_in_persian():
    with i18n.using("fa"):
        h = card.header(ROW)
        assert h.outcome == "پس از ۱۲ ثانیه انتظار در صف پاسخ داده شد"
        # weekday and date of the language, Persian digits, the queue a left-to-right island
        assert h.title.startswith("سه‌شنبه ۱۳ اکتبر ۲۰۲۶، ساعت ۰۹:۱۴") and "\u2068Billing\u2069" in h.title
        assert h.caller == "تماس‌گیرنده \u2068#1a2b3c4d\u2069"
        assert card.timeline(ROW)["part"].tolist() == ["انتظار", "مکالمه", "نگه‌داشت", "کار پس از تماس"]
        assert card.timeline(ROW)["duration"].tolist()[1] == "۵ دقیقه و ۰۰ ثانیه"
        handling = card.handling_words(ROW)
        assert "۲ بار در حالت نگه‌داشت قرار گرفت." in handling
        assert any("۳ بخش" in w and "۲ بار منتقل شد" in w for w in handling)
        res = card.resolution_words(ROW, 168)
        assert res[0] == "کارشناس آن را حل‌نشده علامت زد." and "۷ روز" in res[1]
        survey = pd.DataFrame({"csat": [2], "nps": [9], "answered_at": [pd.Timestamp("2026-10-13 10:00")]})
        assert card.survey_words(survey)[:2] == ["رضایت مشتری: ۲ از ۵، ناراضی.",
                                                 "تمایل به توصیه (پرسش NPS): ۹ از ۱۰، مروج."]


def test_call_card_words_in_chinese():
    with i18n.using("zh"):
        h = card.header(ROW)
        assert h.outcome == "排队 12 秒后接通"
        assert h.title == "2026年10月13日 周二 09:14 · Billing"
        assert card.handling_words(ROW)[1] == "被保持 2 次。"
        unknown = card.resolution_words(ROW | {"repeated_within_window": None, "caller": "unknown caller"})[1]
        assert unknown == "首次解决情况未知：来电者未被识别。"
        assert card.header(ROW | {"caller": "unknown caller"}).caller == "未识别来电者"


def test_english_is_unchanged():
    assert units.datetime_text(pd.Timestamp("2026-10-13 09:14:05")) == "Tue 13 Oct 2026, 09:14"
    assert units.weekday_name(date(2026, 11, 21)) == "Sat"
    assert card.header(ROW).outcome == "Answered after 12 s in the queue"


def test_persian_chart_text_keeps_its_order_on_a_left_to_right_canvas():
    """Persian digits are European numbers to the bidi algorithm: a chart label starting with one (a
    duration on the call's timeline) or an axis title ending in '(٪)' carries a right-to-left mark."""
    from analytics.calls import charts as call_charts
    from analytics.core import charts, registry

    with i18n.using("fa"):
        spec = call_charts.timeline(card.timeline(ROW)).to_dict()
        labels = [row["duration"] for rows in spec["datasets"].values() for row in rows
                  if "ink" in row]
        assert labels and all(label.startswith("\u200f") for label in labels)
        assert charts.axis_title(registry.get("service_level_pct")).endswith("(٪)\u200f")
    assert not charts.axis_title(registry.get("service_level_pct")).endswith("\u200f")


def test_a_value_that_rounds_to_zero_has_no_minus():
    assert units.number(-0.0, 0) == "0" and units.number(-0.3, 0) == "0"
    with i18n.using("fa"):
        assert units.number(-0.04, 1) == "۰٫۰"


@pytest.mark.parametrize("lang", ["en", "fa", "zh"])
@pytest.mark.parametrize("calendar", ["gregorian", "persian"])
def test_datetime_texts_is_datetime_text_of_each(lang, calendar):
    moments = [pd.Timestamp("2026-10-13 09:14:05"), pd.Timestamp("2026-03-20 23:30"), pd.Timestamp("2026-12-31 00:00")]
    with i18n.using(lang):
        assert units.datetime_texts(moments, calendar) == [units.datetime_text(t, calendar) for t in moments]
