"""The Persian report's font: Vazirmatn, shipped in analytics/report/fonts/ (OFL 1.1). The Persian PDF
embeds it and its text extracts as joined Persian words with Persian digits (no English left in chart
headings or the footer); the Chinese PDF keeps Noto Sans CJK; without the shipped files the PDF falls
back to the system font and says so; the Persian HTML report carries the font inline as data: URIs."""
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from analytics import i18n
from analytics.report import fonts, html

ROOT = Path(__file__).resolve().parents[2]
PERIOD = "2026-W46"


def report(db, lang, fmt, out: Path) -> Path:
    target = out / f"review-{lang}.{fmt}"
    res = subprocess.run([sys.executable, "-m", "analytics", "report", "--db", str(db), "--period", PERIOD,
                          "--format", fmt, "--out", str(target), "--lang", lang], cwd=ROOT, capture_output=True,
                         text=True, encoding="utf-8", timeout=300)
    assert res.returncode == 0, res.stderr
    return target


def font_names(path: Path) -> set[str]:
    names = set()
    for page in PdfReader(str(path)).pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            names.add(str(font.get_object().get("/BaseFont", "")))
    return names


def pdf_pages(path: Path) -> list[str]:
    return [(p.extract_text() or "").replace("\x00", "") for p in PdfReader(str(path)).pages]


@pytest.fixture(scope="module")
def pdfs(sample_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("vazirmatn")
    return {lang: report(sample_db, lang, "pdf", out) for lang in ("fa", "zh")}


def test_the_font_files_and_licence_are_shipped():
    for name in fonts.PERSIAN + fonts.PERSIAN_WEB + ("OFL.txt", "README.md"):
        assert (fonts.VENDORED / name).is_file(), name
    assert "SIL OPEN FONT LICENSE Version 1.1" in (fonts.VENDORED / "OFL.txt").read_text(encoding="utf-8")
    assert "33.0.3" in (fonts.VENDORED / "README.md").read_text(encoding="utf-8")


def test_the_persian_pdf_embeds_vazirmatn_and_extracts_in_persian(pdfs):
    names = font_names(pdfs["fa"])
    assert any(n.endswith("+Vazirmatn") for n in names), names
    assert any(n.endswith("+VazirmatnBold") for n in names), names
    pages = pdf_pages(pdfs["fa"])
    text = "\n".join(pages)
    # joined Persian words as written (extraction gives back the logical text the glyphs map to)
    for word in ("سطح خدمت", "میانگین زمان پاسخگویی", "نرخ رهاشدگی", "شاخص‌های اصلی", "نکات برجسته",
                 "به تفکیک روز", "منشأ تغییر"):
        assert word in text, word
    assert re.search(r"[۰-۹]+٫[۰-۹]٪", text)
    # the chart headings and the footer are Persian too (they were English before)
    for english in ("where the change came from", " by day", " by queue", "Page "):
        assert english not in text, english
    assert "صفحهٔ ۲" in pages[1]


def test_the_chinese_pdf_keeps_noto_sans_cjk(pdfs):
    names = font_names(pdfs["zh"])
    assert any("NotoSansCJK" in n for n in names) and not any("Vazirmatn" in n for n in names), names
    text = "\n".join(pdf_pages(pdfs["zh"]))
    assert "服务水平" in text and "变化来源" in text and "第 2 页，共" in text.replace("\n", "")


def test_without_the_shipped_files_persian_falls_back_to_the_system_font(tmp_path):
    with i18n.using("fa"):
        fs = fonts.discover("fa", vendored=tmp_path)
    assert fs.regular is not None and "Vazirmatn" not in fs.regular.name
    assert any("وزیرمتن" in w for w in fs.warnings), fs.warnings
    shipped = fonts.discover("fa")
    assert shipped.regular == fonts.VENDORED / "Vazirmatn-Regular.ttf" and not shipped.warnings
    assert shipped.symbols is not None            # ✔ ✖ Δ come from the system font behind it
    assert fonts.discover("en").regular.name != "Vazirmatn-Regular.ttf"


def test_the_persian_html_carries_vazirmatn_inline(sample_db, tmp_path):
    page = report(sample_db, "fa", "html", tmp_path).read_text(encoding="utf-8")
    faces = re.findall(r"@font-face\{font-family:Vazirmatn;[^}]*src:url\(data:font/woff2;base64,[A-Za-z0-9+/=]{1000,}\)",
                       page)
    assert len(faces) == 2, len(faces)                 # regular and bold
    assert "font-weight:bold" in page and "https://" not in page and "http://" not in page
    with i18n.using("zh"):
        assert "@font-face" not in html._page("t", [])   # only the Persian report carries the font
