"""The Agents, Organization and Attrition risk pages in Persian and Chinese (AppTest): nothing fails,
the title is translated, every chart is valid Vega-Lite (with the Persian number locale in Persian), and
no English string of the app's catalog is left in the page's text (labels, captions, tables' column
labels, chart titles) — data values (names, ids, queues, sites) excepted. The Agents page is checked
with an agent and one of their calls open (the drill-down), the Attrition page with a model that has
earned a ranking and with one that has not."""
import duckdb
import pytest

from analytics import i18n
from apptest_helpers import chart_specs, chart_texts, data_values, english_left, errors, page_texts, run_page
from attrition_fixtures import trained_db, with_verdict

TITLES = {("agents", "fa"): "کارشناس‌ها", ("agents", "zh"): "坐席",
          ("organization", "fa"): "سازمان", ("organization", "zh"): "组织",
          ("attrition", "fa"): "ریسک ترک خدمت", ("attrition", "zh"): "流失风险"}


def open_page(db, page, lang, **params):
    # AppTest re-reads widget labels in the test's own thread: the same language there
    with i18n.using(lang):
        return run_page(db, page=page, params={"lang": lang, **params}, timeout=180)


def check(at, page, lang, db):
    assert not errors(at), errors(at)
    assert at.title[0].value == TITLES[(page, lang)]
    specs = chart_specs(at)
    assert specs
    if lang == "fa":
        assert all(s.get("config", {}).get("locale", {}).get("number", {}).get("numerals", [None])[1] == "۱"
                   for s in specs)
    # the page's words, its tables' text cells (statuses, flags, bands, drivers) and its charts' words
    # (data values, such as a call reason "Password reset" or the evaluator "auto-qa", are shown as stored)
    text = "\n".join(page_texts(at, cells=True, skip=data_values(db)) + chart_texts(at))
    assert english_left(text) == [], english_left(text)
    return text


def busiest_agent(db):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT agent_id FROM fct_calls WHERE outcome = 'answered' AND agent_id IS NOT NULL "
                           "GROUP BY agent_id ORDER BY count(*) DESC, agent_id LIMIT 1").fetchone()[0]


@pytest.mark.parametrize("lang", ["fa", "zh"])
def test_agents_with_the_drill_down(sample_db, lang):
    at = open_page(sample_db, "agents", lang, agent=busiest_agent(sample_db))
    with i18n.using(lang):
        at.selectbox(key="p_call").select_index(1).run()     # open the agent's newest call
    text = check(at, "agents", lang, sample_db)
    assert {"fa": "کارنامه", "zh": "绩效表"}[lang] in [s.value for s in at.subheader]
    assert {"fa": "تماس‌های نشان‌دار", "zh": "被标记的呼叫"}[lang] in text
    assert any(b.label.startswith({"fa": "→ بازگشت", "zh": "← 返回"}[lang]) for b in at.button)
    if lang == "fa":
        assert "\u2068" in text   # the agent's Latin name is isolated inside the Persian heading


@pytest.mark.parametrize("lang", ["fa", "zh"])
def test_organization(sample_db, lang):
    at = open_page(sample_db, "organization", lang)
    text = check(at, "organization", lang, sample_db)
    assert {"fa": "نمودار سازمانی", "zh": "组织架构"}[lang] in [s.value for s in at.subheader]
    assert {"fa": "در محدوده", "zh": "在合理范围内"}[lang] in text or {"fa": "بیشتر از", "zh": "高于"}[lang] in text


@pytest.fixture(scope="module")
def trusted(tmp_path_factory):
    return with_verdict(trained_db(tmp_path_factory), tmp_path_factory.mktemp("people_trusted"), True)


@pytest.fixture(scope="module")
def untrusted(tmp_path_factory):
    return with_verdict(trained_db(tmp_path_factory), tmp_path_factory.mktemp("people_untrusted"), False)


@pytest.mark.parametrize("lang", ["fa", "zh"])
def test_attrition_with_a_trusted_model(trusted, lang):
    at = open_page(trusted, "attrition", lang)
    text = check(at, "attrition", lang, trusted)
    labels = [m.label for m in at.metric]
    assert {"fa": "ریسک (۹۰ روز)", "zh": "风险（90 天）"}[lang] in labels
    assert {"fa": "میانهٔ تیم", "zh": "班组中位数"}[lang] in text          # the drivers, written in the language
    assert {"fa": "کارت مدل", "zh": "模型卡"}[lang] in text


@pytest.mark.parametrize("lang", ["fa", "zh"])
def test_attrition_with_an_untrusted_model(untrusted, lang):
    at = open_page(untrusted, "attrition", lang)
    check(at, "attrition", lang, untrusted)
    assert any({"fa": "شرایط تیم‌ها را ببینید", "zh": "查看班组状况"}[lang] in w.value for w in at.warning)


def test_the_check_finds_english(sample_db):
    """The leftover check can fail: the English page is full of catalog strings."""
    at = run_page(sample_db, page="agents", timeout=180)
    left = english_left(page_texts(at))
    assert "Scorecard" in left and "Drill down" in left
