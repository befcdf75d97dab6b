"""The offline review report: HTML and PDF carry exactly the `kpis` CLI's numbers, the HTML fetches
nothing, user text is escaped, and an empty period gives a clear report."""
import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from analytics.core import registry
from analytics.review import actions, build
from analytics.review import period as rp

ROOT = Path(__file__).resolve().parents[2]
PERIOD = "2026-W46"


def cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analytics", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=300)


@pytest.fixture(scope="module")
def db(sample_db, tmp_path_factory):
    """A copy of the sample center with meeting actions (the shared fixture stays untouched)."""
    path = tmp_path_factory.mktemp("report") / "center.duckdb"
    shutil.copy(sample_db, path)
    actions.add(path, rp.parse("2026-W45"), "Coach <script>alert('x')</script> & \"friends\"", "王芳",
                date(2026, 11, 20))
    actions.add(path, rp.parse(PERIOD), "Review Billing staffing", "مریم رضایی", None)
    return path


@pytest.fixture(scope="module")
def reports(db, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    files = {}
    for fmt in ("html", "pdf"):
        target = out / f"review.{fmt}"
        res = cli("report", "--db", str(db), "--period", PERIOD, "--format", fmt, "--out", str(target))
        assert res.returncode == 0, res.stderr
        assert f"wrote {target}" in res.stdout
        files[fmt] = target
    return files


@pytest.fixture(scope="module")
def cli_kpis(db):
    start, end = rp.parse(PERIOD).start, rp.parse(PERIOD).end
    res = cli("kpis", "--db", str(db), "--from", str(start), "--to", str(end), "--kpi", ",".join(build.HEADLINE),
              "--format", "json")
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)  # --by none: one object


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def test_html_numbers_equal_the_kpis_cli(reports, cli_kpis):
    html = reports["html"].read_text(encoding="utf-8")
    for kid in build.HEADLINE:
        shown = registry.get(kid).format(cli_kpis[kid])
        assert f">{shown}</td>" in html, (kid, shown)


def test_pdf_numbers_equal_the_kpis_cli(reports, cli_kpis):
    text = _pdf_text(reports["pdf"])
    assert "Weekly review 2026-W46" in text and "Page 1 of" in text
    for kid in build.HEADLINE:
        shown = registry.get(kid).format(cli_kpis[kid])
        assert shown in text, (kid, shown)


def test_pdf_is_a4_with_page_numbers_and_names(reports):
    reader = PdfReader(str(reports["pdf"]))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
    n = len(reader.pages)
    assert n >= 2 and f"Page {n} of {n}" in (reader.pages[-1].extract_text() or "")
    text = _pdf_text(reports["pdf"])
    assert "王芳" in re.sub(r"[\s\x00]", "", text)   # CJK fallback font; pypdf splits its glyphs
    assert "Warning:" not in text                           # the fonts were found


def test_html_is_self_contained_and_escaped(reports):
    html = reports["html"].read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html          # charts inline
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert not re.search(r"<script", html, re.I)                           # no scripts at all
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", html, re.I)
    assert not re.search(r"<(img|link|iframe|object|embed)\b", html, re.I)
    assert "https://" not in html and "http://" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;friends&quot;" in html
    assert "Last review's actions (2026-W45)" in html and "Review Billing staffing" in html
    assert "مریم رضایی" in html and "王芳" in html


def test_an_empty_period_gives_a_clear_report(db, tmp_path):
    for fmt in ("html", "pdf"):
        out = tmp_path / f"empty.{fmt}"
        res = cli("report", "--db", str(db), "--period", "2025-W10", "--format", fmt, "--out", str(out))
        assert res.returncode == 0, res.stderr
        text = out.read_text(encoding="utf-8") if fmt == "html" else _pdf_text(out)
        assert "No calls in this period." in text
        assert "Headline KPIs" not in text


def test_cli_rejects_bad_input_with_a_message(db, tmp_path):
    res = cli("report", "--db", str(db), "--period", "2026-W99", "--out", str(tmp_path / "x.html"))
    assert res.returncode == 2 and "cannot read review period" in res.stderr and "Traceback" not in res.stderr
    res = cli("report", "--db", str(tmp_path / "missing.duckdb"), "--period", PERIOD)
    assert res.returncode == 1 and "No warehouse at" in res.stderr
