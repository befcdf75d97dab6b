"""The Service & queues, Customer and Benchmarks pages in Persian and Chinese (AppTest): nothing fails, the
title is translated, every chart is valid Vega-Lite (with the Persian number locale in Persian) and its
titles are translated, and no English string of the app's catalog is left in the page's text: headings,
notes, widget labels and options, tiles, table headers and the table cells the app writes. Data values
(queues, sites, reasons, people) and the published sources' own names, titles and addresses are shown
as they are, so they are left out of the scan."""
import re

import pytest

from analytics import i18n
from analytics.benchmarks import comparison as bc
from analytics.core import registry, targets, units
from analytics.customer import data as customer
from analytics.service import data as service
from apptest_helpers import chart_specs, data_values, english_left, errors, page_texts, run_page

TITLES = {
    ("service", "fa"): "خدمت و صف‌ها", ("service", "zh"): "服务与队列",
    ("customer", "fa"): "مشتری", ("customer", "zh"): "客户",
    ("benchmarks", "fa"): "مقایسه‌ها", ("benchmarks", "zh"): "对标",
}
HEADINGS = {
    ("service", "fa"): "طولانی‌ترین انتظارها", ("service", "zh"): "最长等待",
    ("customer", "fa"): "علت‌های تماس", ("customer", "zh"): "来电原因",
    ("benchmarks", "fa"): "ارقام منتشرشدهٔ صنعت", ("benchmarks", "zh"): "已发布的行业数据",
}
# the Service page with a heatmap cell open, so its list of calls is scanned too
PARAMS = {"service": {"slot": "Mon-09"}}


def chart_titles(spec) -> list[str]:
    """Axis, legend, tooltip and chart titles of a Vega-Lite spec (not its data)."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "data" or key == "datasets":
                    continue
                if key == "title" and isinstance(value, str):
                    found.append(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
    walk(spec)
    return found


@pytest.mark.parametrize("page, lang", list(TITLES))
def test_page_in_language(sample_db, page, lang):
    # AppTest re-reads widget labels with their format_func in the test's own thread: the same language there
    with i18n.using(lang):
        at = run_page(sample_db, page=page, params={"lang": lang, **PARAMS.get(page, {})}, timeout=180)
    assert not errors(at)
    assert at.title[0].value == TITLES[(page, lang)]
    assert HEADINGS[(page, lang)] in [s.value for s in at.subheader]
    specs = chart_specs(at)
    assert specs
    titles = [t for s in specs for t in chart_titles(s)]
    assert english_left(titles) == [], english_left(titles)
    if lang == "fa":
        assert all(s.get("config", {}).get("locale", {}).get("number", {}).get("numerals", [None] * 2)[1] == "۱"
                   for s in specs)
    # an address inside a note (a source's own page) is the publisher's, not our words
    texts = [re.sub(r"https?://\S+", "", t) for t in page_texts(at, cells=True, skip=data_values(sample_db))]
    assert english_left(texts) == [], english_left(texts)
    shown = "\n".join(texts)
    if lang == "fa":
        assert re.search(r"[۰-۹]{2}", shown)
    else:
        assert re.search(r"[\u4e00-\u9fff]{2}", shown)


def test_the_scan_finds_english_text():
    assert english_left(["Longest waits", "最长等待"]) == ["Longest waits"]
    assert english_left(["Billing", "طولانی‌ترین انتظارها"]) == []


def test_weekdays_hours_and_slots_in_each_language():
    assert [units.weekday_name(d, lang="en") for d in (1, 7)] == ["Mon", "Sun"]
    assert units.weekday_name(1, lang="fa") == "دوشنبه" and units.weekday_name(6, lang="fa") == "شنبه"
    assert units.weekday_name(1, lang="zh") == "周一"
    assert service.slot_label("Mon-09") == "Mondays 09:00–09:59"
    with i18n.using("fa"):
        assert service.slot_label("Mon-09") == "دوشنبه‌ها ۰۹:۰۰–۰۹:۵۹"
        assert service.bin_labels()[-1] == "۱۰ دقیقه و بیشتر"
    with i18n.using("zh"):
        assert service.slot_label("Sun-23") == "每周日 23:00–23:59"


def test_heatmap_keeps_its_keys_and_shows_the_languages_names():
    """The weekday keys stay the data (the click's selection and the URL's slot=Mon-09 read them); the
    axis labels and the tooltip are the language's CLDR names."""
    import pandas as pd

    from analytics.core import charts

    cells = pd.DataFrame({"weekday": ["Mon", "Tue"], "hour": [9, 10], "service_level_pct": [80.0, 70.0]})
    with i18n.using("zh"):
        spec = charts.heatmap(cells, registry.get("service_level_pct"), select="cell").to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert [r["weekday"] for r in rows] == ["Mon", "Tue"]
    assert [r["day_label"] for r in rows] == ["周一", "周二"]
    assert "周一" in spec["encoding"]["y"]["axis"]["labelExpr"]
    assert spec["encoding"]["x"]["title"] == "时段"


def test_benchmark_sentences_read_in_persian():
    k = registry.get("abandon_rate_pct")
    with i18n.using("fa"):
        text = bc.versus_industry(k, 17.6, 12.0, 16.0, 4)
        default = targets.defaults()["abandon_rate_pct"]
        target = bc.versus_target(k, 17.6, default)
        source = default.source
    assert text.startswith("۱٫۶ واحد درصد بالاتر از سقف بازهٔ ۴ رقم منتشرشده"), text   # a size: no sign
    assert "+" not in text and "دور از هدف" in target
    assert source == "پیش‌فرض: استاندارد رایج ۵٪"
    assert bc.versus_industry(k, 17.6, 12.0, 16.0, 4).startswith("1.6 pts above the top of the range of 4")


def test_customer_words_in_chinese():
    with i18n.using("zh"):
        table = customer.interval_table(customer.pd.DataFrame({"bin": [0], "calls": [3]}))
        assert table["interval"].iloc[0] == "< 1 小时"
        assert customer.survey_distribution(customer.pd.DataFrame(
            {"question": ["csat"], "answer": [5], "responses": [2]}), "csat")["group"].iloc[-1] == "Satisfied"
