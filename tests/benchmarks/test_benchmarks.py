"""The industry benchmark library: every row cited and tied to a KPI id; CLI output formats."""
import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from analytics.benchmarks import library as benchmarks

REPO = Path(__file__).resolve().parents[2]
KPI_DOC = Path(__file__).resolve().parents[3] / "shared" / "docs" / "kpi-definitions.md"


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "analytics", "benchmarks", *args], cwd=REPO,
                          capture_output=True, text=True, encoding="utf-8", timeout=60)


def test_every_row_is_cited_with_a_known_kpi():
    frame = benchmarks.list_benchmarks()
    assert 10 <= len(frame) <= 25
    for _, row in frame.iterrows():
        assert row["kpi_id"] in benchmarks.KPI_IDS
        assert row["publisher"] and row["title"] and row["note"]
        assert 1990 <= row["year"] <= 2026
        assert row["url"].startswith(("http://", "https://"))
        assert row["source"] == f"{row['publisher']} — {row['title']}"
        has_value = row["value"] == row["value"]  # not NaN
        assert has_value or row["low"] == row["low"] or row["high"] == row["high"]


def test_kpi_ids_match_the_contract_document():
    if not KPI_DOC.exists():
        pytest.skip("shared KPI contract not present")
    documented = set(re.findall(r"^\| `([a-z_]+)`", KPI_DOC.read_text(encoding="utf-8"), flags=re.M))
    documented |= {"avg_hold_s", "avg_acw_s"}  # listed together with avg_talk_s in one table row
    documented |= {"avg_talk_s"}
    assert set(benchmarks.list_benchmarks()["kpi_id"]) <= documented
    # the registry defines every KPI of the contract (and may offer a few more, labelled)
    assert documented <= benchmarks.KPI_IDS


def test_band_spans_values_and_ranges():
    low, high, rows = benchmarks.band("fcr_pct")
    assert (low, high) == (52.0, 80.0)
    assert len(rows) == 4 and set(rows["kpi_id"]) == {"fcr_pct"}
    low, high, rows = benchmarks.band("csat_pct")  # known KPI, no published figure found
    assert (low, high) == (None, None) and rows.empty
    with pytest.raises(ValueError, match="unknown KPI id"):
        benchmarks.band("fcr")


def _write(tmp_path, rows, header=benchmarks.COLUMNS):
    path = tmp_path / "b.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def _row(**kw):
    base = dict.fromkeys(benchmarks.COLUMNS, "")
    base.update(kpi_id="aht_s", value="300", publisher="P", title="T", year="2020", url="https://x", note="n")
    base.update(kw)
    return [base[c] for c in benchmarks.COLUMNS]


def test_loader_rejects_bad_rows_with_clear_messages(tmp_path):
    good = benchmarks.load_benchmarks(_write(tmp_path, [_row(title="中文 / فارسی")]))
    assert good["title"].iloc[0] == "中文 / فارسی"
    cases = [
        (_row(kpi_id="handle_time"), "line 2: unknown kpi_id 'handle_time'"),
        (_row(publisher=""), "'publisher' is empty"),
        (_row(year="recent"), "not a four-digit year"),
        (_row(value="", low="", high=""), "needs a value or a low/high range"),
        (_row(value="", low="9", high="3"), "low is greater than high"),
        (_row(value="5 min"), "'value' is not a number"),
    ]
    for row, message in cases:
        with pytest.raises(benchmarks.BenchmarkDataError, match=re.escape(message)):
            benchmarks.load_benchmarks(_write(tmp_path, [row]))
    with pytest.raises(benchmarks.BenchmarkDataError, match="missing column"):
        benchmarks.load_benchmarks(_write(tmp_path, [["aht_s"]], header=["kpi_id"]))
    with pytest.raises(benchmarks.BenchmarkDataError, match="not found"):
        benchmarks.load_benchmarks(tmp_path / "absent.csv")


def test_cli_json():
    res = run_cli("--format", "json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert len(data) == len(benchmarks.list_benchmarks())
    for rec in data:
        assert rec["kpi_id"] and rec["source"] and isinstance(rec["year"], int)
    fcr = json.loads(run_cli("--kpi", "fcr_pct", "--format", "json").stdout)
    assert {r["kpi_id"] for r in fcr} == {"fcr_pct"} and len(fcr) == 4
    ranged = next(r for r in fcr if r["low"] is not None)
    assert ranged["value"] is None and ranged["high"] == 79.0


def test_cli_csv_and_table():
    res = run_cli("--kpi", "aht_s", "--format", "csv")
    assert res.returncode == 0, res.stderr
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert rows and all(r["kpi_id"] == "aht_s" and r["source"] and r["year"] for r in rows)
    assert list(rows[0])[:3] == ["kpi_id", "source", "year"]
    table = run_cli("--kpi", "attrition_rate_pct")
    assert table.returncode == 0 and "30–45" in table.stdout and "QATC" in table.stdout


def test_cli_unknown_kpi_is_a_clear_error():
    res = run_cli("--kpi", "not_a_kpi")
    assert res.returncode == 2
    assert "unknown KPI id 'not_a_kpi'" in res.stderr
    assert "Traceback" not in res.stderr
