"""The review report in Persian and Chinese (`report --lang`): the PDF's text extracts with the right
glyphs (Persian headings and KPI names, Persian digits; Chinese headings and KPI names), and the HTML is
right-to-left in Persian."""
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
PERIOD = "2026-W46"


def report(db, lang, fmt, out: Path) -> Path:
    target = out / f"review-{lang}.{fmt}"
    res = subprocess.run([sys.executable, "-m", "analytics", "report", "--db", str(db), "--period", PERIOD,
                          "--format", fmt, "--out", str(target), "--lang", lang], cwd=ROOT, capture_output=True,
                         text=True, encoding="utf-8", timeout=300)
    assert res.returncode == 0, res.stderr
    return target


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


@pytest.mark.parametrize("lang, words", [
    ("fa", ["سطح خدمت", "نرخ رهاشدگی", "نکات برجسته", "بازبینی هفتگی"]),
    ("zh", ["服务水平", "放弃率", "重点变化", "周度回顾"]),
])
def test_the_pdf_text_is_in_the_language(sample_db, tmp_path, lang, words):
    # pypdf splits the glyphs of the CJK fallback font with NULs (as tests/report/test_report.py notes)
    text = pdf_text(report(sample_db, lang, "pdf", tmp_path)).replace("\x00", "")
    missing = [w for w in words if w not in text]
    assert not missing, (missing, text[:600])
    if lang == "fa":
        assert re.search(r"[۰-۹]٫[۰-۹]٪", text), "no Persian percentage in the PDF"
    assert "Headline KPIs" not in text and "Highlights" not in text


def test_the_html_is_rtl_in_persian(sample_db, tmp_path):
    html = report(sample_db, "fa", "html", tmp_path).read_text(encoding="utf-8")
    assert '<html lang="fa" dir="rtl">' in html
    assert "<h2>شاخص‌های اصلی</h2>" in html and "سطح خدمت" in html
    zh = report(sample_db, "zh", "html", tmp_path).read_text(encoding="utf-8")
    assert '<html lang="zh" dir="ltr">' in zh and "<h2>核心指标</h2>" in zh
