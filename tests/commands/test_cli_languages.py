"""The CLI's human-readable output with --lang fa|zh: table headers are words (KPI names, "Period"),
values in the language's digits and units, messages on stderr in the language; machine formats (json,
csv) keep ids, and English (the default) prints what it always printed."""
import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PERSIAN_DIGIT = re.compile(r"[۰-۹]")


def cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analytics", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=300)


@pytest.fixture(scope="module")
def db(sample_db, tmp_path_factory):
    path = tmp_path_factory.mktemp("cli_lang") / "center.duckdb"
    shutil.copy(sample_db, path)
    return path


def kpis(db, *args):
    res = cli("kpis", "--db", str(db), "--period", "2026-11", "--kpi", "service_level_pct,aht_s,attrition_rate_pct",
              *args)
    assert res.returncode == 0, res.stderr
    return res


def test_kpis_table_in_persian(db):
    res = kpis(db, "--by", "week", "--lang", "fa")
    head = res.stdout.splitlines()[0]
    assert "دوره" in head and "سطح خدمت" in head and "میانگین زمان رسیدگی" in head
    assert "service_level_pct" not in res.stdout and "week" not in head
    assert "۲۰۲۶-W۴۵" in res.stdout and re.search(r"[۰-۹]+٫[۰-۹]٪", res.stdout) and "ثانیه" in res.stdout
    # the small-number note on stderr is Persian too
    assert res.stderr.startswith("توجه: ") and "سالانه‌شده" in res.stderr and "annualized" not in res.stderr


def test_kpis_table_in_chinese_with_comparison(db):
    res = kpis(db, "--by", "queue", "--compare", "previous", "--lang", "zh")
    head = res.stdout.splitlines()[0]
    assert "队列" in head and "服务水平" in head and "平均处理时长（上一期）" in head and "平均处理时长（变化）" in head
    assert "aht_s_prev" not in res.stdout and "秒" in res.stdout


def test_machine_formats_keep_ids(db):
    rows = list(csv.DictReader(io.StringIO(kpis(db, "--by", "week", "--lang", "fa", "--format", "csv").stdout)))
    assert {"week", "service_level_pct", "aht_s"} <= set(rows[0]) and not PERSIAN_DIGIT.search(rows[0]["week"])
    data = json.loads(kpis(db, "--lang", "zh", "--format", "json").stdout)
    assert isinstance(data["service_level_pct"], float)


def test_english_is_unchanged_by_default(db):
    res = kpis(db, "--by", "week")
    head = res.stdout.splitlines()[0].split()
    assert head[:4] == ["week", "service_level_pct", "aht_s", "attrition_rate_pct"]
    lines = res.stderr.splitlines()
    # the month runs past the data's last day (said first), and a week's attrition is unstable
    assert lines[0].startswith("note: the period 2026-11-01 – 2026-11-30 has data on 21 of its 30 days")
    assert lines[1].startswith("note: attrition_rate_pct is annualized")


@pytest.mark.parametrize("lang, prefix, words", [("fa", "خطا: ", "بعد از"), ("zh", "错误：", "晚于")])
def test_errors_in_the_language(db, lang, prefix, words):
    res = cli("kpis", "--db", str(db), "--from", "2026-11-09", "--to", "2026-11-01", "--lang", lang)
    assert res.returncode == 2 and res.stderr.startswith(prefix) and words in res.stderr, res.stderr
    res = cli("kpis", "--db", str(db.parent / "missing.duckdb"), "--period", "2026-11", "--lang", lang)
    assert res.returncode == 1 and res.stderr.startswith(prefix), res.stderr
    assert "Traceback" not in res.stderr


def test_benchmarks_and_targets_in_the_language(db):
    res = cli("benchmarks", "--kpi", "fcr_pct", "--lang", "zh")
    assert res.returncode == 0 and res.stdout.splitlines()[0].split()[:2] == ["指标", "数值"]
    assert "首次解决率" in res.stdout and "fcr_pct" not in res.stdout
    assert cli("benchmarks", "--kpi", "fcr_pct").stdout.startswith("kpi_id")
    res = cli("targets", "list", "--db", str(db), "--lang", "fa")
    assert res.returncode == 0 and "سطح خدمت" in res.stdout and "پیش‌فرض" in res.stdout
    assert "service_level_pct" not in res.stdout and "۸۰٫۰٪" in res.stdout


def test_import_summary_in_the_language(db, tmp_path):
    f = tmp_path / "calls.csv"
    f.write_text("call_id,arrived_at,queue,caller_id,wait_s,outcome,agent_id,talk_s\n"
                 "Z1,2026-11-20 09:00:00,Billing,+15550001,12,answered,A0001,300\n"
                 "Z2,2026-11-20 09:05:00,Billing,+15550002,-1,answered,A0001,300\n", encoding="utf-8")
    res = cli("import", "--db", str(db), "--table", "calls", "--file", str(f), "--dry-run", "--lang", "fa")
    assert res.returncode == 2, res.stderr
    assert "اجرای آزمایشی: نپذیرفته، چیزی تغییر نکرد" in res.stdout and "ردیف‌های خوانده‌شده ۲" in res.stdout
    assert "DRY RUN" not in res.stdout and "rows read" not in res.stdout
    en = cli("import", "--db", str(db), "--table", "calls", "--file", str(f), "--dry-run")
    assert "DRY RUN: rejected, nothing was changed" in en.stdout
    assert re.search(r"^rows read 2 · accepted \d · rejected 1$", en.stdout, re.M), en.stdout
