"""The Overview opened with ?lang=fa / ?lang=zh (a real app run, AppTest): the title, menu, filter bar
and KPI tiles are in that language, Persian numbers in Persian digits, and the link keeps lang=."""
import re

import pytest

from apptest_helpers import errors, metric_value, run_page, info_texts, notices

PERSIAN_DIGIT = re.compile(r"[۰-۹]")
LATIN_DIGIT = re.compile(r"[0-9]")


def test_overview_in_persian(sample_db):
    at = run_page(sample_db, params={"lang": "fa"})
    assert not errors(at)
    assert at.title[0].value == "نمای کلی"
    labels = [m.label for m in at.metric]
    for name in ("سطح خدمت", "میانگین زمان پاسخگویی", "نرخ رهاشدگی", "میانگین زمان رسیدگی", "حل در تماس اول"):
        assert name in labels, labels
    value = metric_value(at, "سطح خدمت")
    assert PERSIAN_DIGIT.search(value) and not LATIN_DIGIT.search(value) and value.endswith("٪"), value
    assert "ثانیه" in metric_value(at, "میانگین زمان پاسخگویی")
    assert at.sidebar.selectbox(key="f_preset").label == "دوره"
    assert at.query_params["lang"] in ("fa", ["fa"])   # the link the page writes back keeps the language
    assert "شاخص‌های اصلی" in [s.value for s in at.subheader]


def test_overview_in_chinese(sample_db):
    at = run_page(sample_db, params={"lang": "zh"})
    assert not errors(at)
    assert at.title[0].value == "总览"
    labels = [m.label for m in at.metric]
    for name in ("服务水平", "平均应答速度", "放弃率", "平均处理时长", "首次解决率"):
        assert name in labels, labels
    assert metric_value(at, "服务水平").endswith("%")
    assert "秒" in metric_value(at, "平均应答速度")


def test_the_sidebar_switches_the_language(sample_db):
    at = run_page(sample_db)
    assert at.title[0].value == "Overview"
    at.sidebar.selectbox(key="_lang_pick").select("zh").run()
    assert not errors(at)
    assert at.title[0].value == "总览" and "服务水平" in [m.label for m in at.metric]
    assert at.query_params["lang"] in ("zh", ["zh"])


@pytest.mark.parametrize("lang", ["de", "<b>x</b>"])
def test_an_unknown_language_in_the_link_is_english_with_a_notice(sample_db, lang):
    at = run_page(sample_db, params={"lang": lang})
    assert not errors(at)
    assert at.title[0].value == "Overview"
    assert any("Unknown language" in t for t in info_texts(at))


def test_link_corrections_are_said_in_the_links_language(sample_db):
    at = run_page(sample_db, params={"lang": "fa", "from": "not-a-date", "queues": "Nope"})
    assert not errors(at)
    notes = notices(at)
    assert "تاریخ‌های پیوند خوانده نشد" in notes and "Nope" in notes and "could not be read" not in notes


def test_an_undefined_tile_says_why_in_persian():
    """A tile whose KPI is undefined shows the metrics layer's note (sources.py, English catalog strings),
    matched on its English words and shown translated."""
    from analytics import i18n
    from analytics.core import registry, sources
    from analytics.ui.components import _why_undefined

    note = sources.ATTRIBUTION["queue"][1]
    with i18n.using("fa"):
        assert "تماس رهاشده به صف تعلق دارد" in _why_undefined(registry.get("asa_s"), [note])
    assert _why_undefined(registry.get("asa_s"), [note]) == note
