"""The Data and Settings pages in Persian and Chinese (AppTest), the notices that correct a link, the
metrics layer's reason a KPI is undefined (on a page and in the CLI), and the CSV for people: each in the
session's language, with English unchanged."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics import i18n
from analytics.core import exports, sources, warehouse
from analytics.importer import CONTRACTS, import_file
from analytics.importer.validate import REASONS
from apptest_helpers import english_left, errors, page_texts, run_page, info_texts

ROOT = Path(__file__).resolve().parents[2]
ACD = ROOT / "sample_data" / "acd_export"

TITLES = {("data", "fa"): "داده‌ها", ("data", "zh"): "数据", ("settings", "fa"): "تنظیمات", ("settings", "zh"): "设置"}
HEADINGS = {("data", "fa"): "گزارش درون‌ریزی‌ها", ("data", "zh"): "导入日志",
            ("settings", "fa"): "هدف‌های شاخص‌ها", ("settings", "zh"): "指标目标"}


@pytest.mark.parametrize("page, lang", list(TITLES))
def test_page_in_language(sample_db, page, lang):
    with i18n.using(lang):   # AppTest re-reads widget labels in the test's thread (see test_pages_languages)
        at = run_page(sample_db, page=page, params={"lang": lang})
    assert not errors(at)
    assert at.title[0].value == TITLES[(page, lang)]
    assert HEADINGS[(page, lang)] in [s.value for s in at.subheader]
    texts = page_texts(at)
    assert english_left(texts) == [], english_left(texts)


def test_english_is_unchanged(sample_db):
    at = run_page(sample_db, page="settings")
    assert not errors(at)
    assert at.title[0].value == "Settings"
    assert "KPI targets" in [s.value for s in at.subheader]
    at = run_page(sample_db, page="data")
    assert at.title[0].value == "Data" and "Import log" in [s.value for s in at.subheader]
    assert at.selectbox(key="import_table").options[0] == "calls"


@pytest.mark.parametrize("lang, words", [("fa", "نادیده گرفته شد"), ("zh", "已忽略")])
def test_a_link_correction_notice_is_translated(sample_db, lang, words):
    with i18n.using(lang):
        at = run_page(sample_db, page="settings", params={"lang": lang, "set_kpi": "no_such_kpi"})
    notes = info_texts(at)
    assert any(words in n and "no_such_kpi" in n and "set_kpi" not in n for n in notes), notes
    assert not any("Ignored" in n for n in notes), notes


def test_a_link_correction_notice_stays_english_by_default(sample_db):
    at = run_page(sample_db, page="settings", params={"set_kpi": "no_such_kpi"})
    assert any("Ignored 'no_such_kpi' from the link: not one of the choices of" in t for t in info_texts(at))


ATTRIBUTION = {"fa": "برای مرکز، تیم یا کارشناس تعریف نشده", "zh": "对站点、班组或坐席无定义"}


@pytest.mark.parametrize("lang", ["fa", "zh"])
def test_an_undefined_kpi_says_why_in_the_language(sample_db, lang):
    """The metrics layer's attribution note under a site filter: under the tile on a page, and in the CLI
    with --lang; the CLI without --lang keeps the English note."""
    with warehouse.read_connection(sample_db) as con:
        site = con.execute("SELECT min(site) FROM agents WHERE site IS NOT NULL").fetchone()[0]
    with i18n.using(lang):
        expected = i18n.gettext(sources.ATTRIBUTION["queue"][1])
        at = run_page(sample_db, params={"lang": lang, "sites": site, "from": "2026-10-05", "to": "2026-10-11", "period": "custom"})
    assert expected != sources.ATTRIBUTION["queue"][1]
    shown = [c.value.replace("\\", "") for c in at.caption]   # captions are markdown-escaped
    assert any(expected in c for c in shown), shown

    def cli(*extra):
        return subprocess.run([sys.executable, "-m", "analytics", "kpis", "--db", str(sample_db), "--from",
                               "2026-10-05", "--to", "2026-10-11", "--kpi", "service_level_pct", "--site", site,
                               "--format", "json", *extra], cwd=ROOT, capture_output=True, text=True,
                              encoding="utf-8", timeout=300)
    translated = cli("--lang", lang)
    assert translated.returncode == 0, translated.stderr
    assert expected in translated.stderr
    english = cli()
    assert sources.ATTRIBUTION["queue"][1] in english.stderr


def test_csv_headers_for_people_follow_the_language():
    df = pd.DataFrame({"agent_id": ["A-17"], "agent_name": ["Sara"], "queue": ["Billing"], "wait_s": [12.4],
                       "hold_count": [2], "transferred": [True], "service_level_pct": [81.25]})
    english = exports.human_frame(df)
    assert list(english.columns) == ["Agent", "Queue", "Wait (s)", "Hold count", "Transferred",
                                     "Service level (%)"]
    assert english["Transferred"].tolist() == ["yes"]
    with i18n.using("zh"):
        zh = exports.human_frame(df)
        csv = exports.to_csv_bytes(df).decode("utf-8-sig").splitlines()[0]
        raw = exports.to_csv_bytes(df, raw=True).decode("utf-8-sig").splitlines()[0]
    assert list(zh.columns)[:4] == ["坐席", "队列", "等待（秒）", "保持次数"]
    assert "服务水平" in zh.columns[-1]
    assert zh.iloc[0, 0] == "Sara (A-17)"          # a data value stays as it is
    assert csv.startswith("坐席,队列,等待（秒）,保持次数")
    assert raw == ",".join(df.columns)              # machine output: the machine names
    with i18n.using("fa"):
        fa = exports.human_frame(df)
    assert list(fa.columns)[:2] == ["کارشناس", "صف"] and fa.iloc[0, 4] == "بله"
    assert english_left(list(fa.columns)[:-1]) == [] and english_left(list(zh.columns)[:-1]) == []


def test_a_download_from_the_app_is_written_in_the_session_language():
    """Streamlit calls a deferred download outside the script run: the language is the one the button
    was drawn in."""
    from analytics.ui import components

    df = pd.DataFrame({"queue": ["Billing"], "wait_s": [3.0]})
    with i18n.using("zh"):
        write = components._csv_writer(df)
    assert i18n.current() == "en"
    assert write().decode("utf-8-sig").splitlines()[0] == "队列,等待（秒）"


def _warehouse(tmp_path: Path) -> Path:
    db = warehouse.init(tmp_path / "wh.duckdb")
    assert import_file(db, "agents", ACD / "agents.csv", mapping_sql=(ACD / "agents_mapping.sql").read_text()).ok
    return db


@pytest.mark.parametrize("lang, verdict", [("fa", "اجرای آزمایشی"), ("zh", "试运行")])
def test_a_dry_run_with_rejected_rows_reads_in_the_language(tmp_path, monkeypatch, lang, verdict):
    """The Data page's summary of a dry run: verdict, counts, and the rejection reasons in words of the
    language (the rejected-rows file keeps the stored English reasons)."""
    db = _warehouse(tmp_path)
    monkeypatch.setenv("SWITCHBOARD_DB", str(db))
    text = (ACD / "calls.csv").read_text(encoding="utf-8")
    bad = text.rstrip("\n") + "\nC999999;31/02/2024 25:99:00;账单查询;+989121388038;ANSWERED;A113;00:17;11:41;01:50;01:29;N;Other\n"
    with i18n.using(lang):
        at = AppTest.from_file(str(ROOT / "pages" / "data.py"), default_timeout=120)
        at.session_state["lang"] = lang
        at.run()
        at.selectbox(key="import_table").set_value("calls").run()
        at.file_uploader[0].set_value(("calls.csv", bad.encode("utf-8"), "text/csv")).run()
        at.radio[0].set_value("Write the SQL myself").run()
        at.text_area(key="mapping_calls").set_value((ACD / "calls_mapping.sql").read_text()).run()
        at.button(key="dry_run").click().run()
    assert not at.exception, at.exception
    assert any(verdict in w.value for w in at.warning), [w.value for w in at.warning]
    with i18n.using(lang):
        reason_col = i18n.gettext("Rejection reason")
    reasons = next(d.value for d in at.dataframe if reason_col in d.value.columns)
    with i18n.using(lang):
        words = {i18n.gettext(r) for r in REASONS.values()}
    assert len(reasons) and set(reasons[reason_col]) <= words, reasons
    assert not words & set(REASONS.values())
    with i18n.using(lang):
        looks = i18n.gettext("looks like")
    kinds = next(d.value for d in at.dataframe if looks in d.value.columns)[looks].tolist()
    assert kinds and english_left(kinds) == [], kinds   # "text, 4 values", "duration mm:ss" in words
    # the contract's column names (queue, transferred) are the mapping SQL's identifiers, not words
    identifiers = {c.name for contract in CONTRACTS.values() for c in contract.columns}
    left = set(english_left(page_texts(at))) - identifiers
    assert left == set(), left


@pytest.mark.parametrize("lang, words", [("fa", "خالی است"), ("zh", "为空")])
def test_importer_and_warehouse_messages_follow_the_language(tmp_path, lang, words):
    """What the importer tells a user about a bad file, and a missing warehouse, in the session's language
    (English outside one: the CLI without --lang)."""
    from analytics.importer import ImportInputError, preview

    empty = tmp_path / "calls.csv"
    empty.write_bytes(b"")
    with pytest.raises(ImportInputError) as english:
        preview(empty, "SELECT * FROM raw")
    assert "is empty (0 bytes)" in str(english.value)
    with i18n.using(lang), pytest.raises(ImportInputError) as translated:
        preview(empty, "SELECT * FROM raw")
    assert words in str(translated.value) and "calls.csv" in str(translated.value)
    with i18n.using(lang):
        missing = str(warehouse.WarehouseMissing(tmp_path / "none.duckdb"))
    assert "No warehouse" not in missing and "python -m analytics init" in missing
