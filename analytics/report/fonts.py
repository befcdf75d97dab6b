"""Fonts for the PDF: a main Unicode font (Latin, and Arabic script for Persian) and a CJK fallback for
Chinese, from the system; for Persian, Vazirmatn shipped in `fonts/` beside this module (OFL 1.1, see its
README), with the system font as the fallback for the symbols it lacks. A missing font degrades the
report with a clear warning, never an error."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analytics.i18n import _

FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts"),
             str(Path.home() / ".local/share/fonts"))
ENV_DIR = "SWITCHBOARD_FONT_DIR"   # extra folder searched first (e.g. fonts shipped with a deployment)

# Vazirmatn, shipped with the package: the Persian report's font (PDF, and the HTML report's @font-face)
VENDORED = Path(__file__).resolve().parent / "fonts"
PERSIAN = ("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf")
PERSIAN_WEB = ("Vazirmatn-Regular.woff2", "Vazirmatn-Bold.woff2")

# (regular file, bold file) candidates, best first. Each main font must carry Arabic-script glyphs.
MAIN = [("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"), ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
        ("FreeSans.ttf", "FreeSansBold.ttf")]
ARABIC = ["NotoSansArabic-Regular.ttf", "NotoNaskhArabic-Regular.ttf", "Vazirmatn-Regular.ttf",
          "DejaVuSans.ttf"]
# (file, index in a font collection): Noto Sans CJK's .ttc holds JP, KR, SC, TC, HK in that order.
CJK = [("NotoSansCJK-Regular.ttc", 2), ("NotoSansCJKsc-Regular.otf", 0), ("NotoSansSC-Regular.ttf", 0),
       ("NotoSansSC-Regular.otf", 0), ("wqy-microhei.ttc", 0), ("wqy-zenhei.ttc", 0),
       ("DroidSansFallbackFull.ttf", 0), ("NotoSerifCJK-Regular.ttc", 2)]


@dataclass
class FontSet:
    regular: Path | None = None
    bold: Path | None = None
    arabic: Path | None = None          # only when the main font lacks Arabic script
    symbols: Path | None = None         # the system font behind Vazirmatn (✔ ✖ Δ), Persian only
    symbols_bold: Path | None = None
    cjk: Path | None = None
    cjk_index: int = 0
    warnings: list[str] = field(default_factory=list)


def _dirs() -> list[Path]:
    extra = os.environ.get(ENV_DIR)
    return [Path(d) for d in ([extra] if extra else []) + list(FONT_DIRS) if Path(d).is_dir()]


@lru_cache(maxsize=4)
def _index(dirs: tuple[Path, ...]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for d in dirs:
        for p in d.rglob("*"):
            if p.suffix.lower() in (".ttf", ".otf", ".ttc") and p.name not in found:
                found[p.name] = p
    return found


def persian_files(folder: Path | None = None) -> tuple[Path, Path] | None:
    """Vazirmatn's regular and bold TrueType files shipped with the package (or in `folder`), else None."""
    folder = folder or VENDORED
    reg, bold = (folder / n for n in PERSIAN)
    return (reg, bold if bold.is_file() else reg) if reg.is_file() else None


def persian_web_files(folder: Path | None = None) -> dict[str, Path]:
    """{"normal"|"bold": file} of Vazirmatn for the HTML report: WOFF2 (half the size), else the TrueType."""
    folder = folder or VENDORED
    out = {}
    for weight, web, ttf in zip(("normal", "bold"), PERSIAN_WEB, PERSIAN):
        for name in (web, ttf):
            if (folder / name).is_file():
                out[weight] = folder / name
                break
    return out


def discover(lang: str | None = None, vendored: Path | None = None) -> FontSet:
    """The fonts of a report in `lang`. Persian uses Vazirmatn (shipped, else installed) with the system
    font behind it; without Vazirmatn, it uses the system font as every other language does."""
    files = _index(tuple(_dirs()))
    fs = FontSet()
    if lang == "fa":
        found = persian_files(vendored)
        if found is None and PERSIAN[0] in files:
            found = (files[PERSIAN[0]], files.get(PERSIAN[1], files[PERSIAN[0]]))
        if found is not None:
            fs.regular, fs.bold = found
            fs.symbols = next((files[r] for r, _b in MAIN if r in files), None)
            fs.symbols_bold = next((files.get(b, files[r]) for r, b in MAIN if r in files), None)
            _add_cjk(fs, files)
            return fs
        fs.warnings.append(_("Vazirmatn was not found (analytics/report/fonts/): Persian text uses a system font."))
    for reg, bold in MAIN:
        if reg in files:
            fs.regular = files[reg]
            fs.bold = files.get(bold, files[reg])
            break
    if fs.regular is None:
        fs.warnings.append(_("No Unicode font found (looked for DejaVu Sans, Noto Sans, FreeSans): the PDF uses "
                             "a built-in Latin font and shows other scripts as '?'. Install fonts-dejavu."))
    elif fs.regular.name != "DejaVuSans.ttf":
        shipped = persian_files(vendored)
        fs.arabic = shipped[0] if shipped else next((files[n] for n in ARABIC if n in files), None)
        if fs.arabic is None:
            fs.warnings.append(_("No font with Arabic script found: Persian names may not render. "
                                 "Install fonts-dejavu or fonts-noto-core."))
    _add_cjk(fs, files)
    return fs


def _add_cjk(fs: FontSet, files: dict[str, Path]) -> None:
    for name, index in CJK:
        if name in files:
            fs.cjk, fs.cjk_index = files[name], index
            break
    if fs.cjk is None and fs.regular is not None:
        fs.warnings.append(_("No Chinese font found: Chinese names may not render. Install fonts-noto-cjk."))
