"""Fonts for the PDF from the system: a main Unicode font (Latin, and Arabic script for Persian) and a
CJK fallback for Chinese. A missing font degrades the report with a clear warning, never an error."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts"),
             str(Path.home() / ".local/share/fonts"))
ENV_DIR = "SWITCHBOARD_FONT_DIR"   # extra folder searched first (e.g. fonts shipped with a deployment)

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


def discover() -> FontSet:
    files = _index(tuple(_dirs()))
    fs = FontSet()
    for reg, bold in MAIN:
        if reg in files:
            fs.regular = files[reg]
            fs.bold = files.get(bold, files[reg])
            break
    if fs.regular is None:
        fs.warnings.append("No Unicode font found (looked for DejaVu Sans, Noto Sans, FreeSans): the PDF uses "
                           "a built-in Latin font and shows other scripts as '?'. Install fonts-dejavu.")
    elif fs.regular.name != "DejaVuSans.ttf":
        fs.arabic = next((files[n] for n in ARABIC if n in files), None)
        if fs.arabic is None:
            fs.warnings.append("No font with Arabic script found: Persian names may not render. "
                               "Install fonts-dejavu or fonts-noto-core.")
    for name, index in CJK:
        if name in files:
            fs.cjk, fs.cjk_index = files[name], index
            break
    if fs.cjk is None and fs.regular is not None:
        fs.warnings.append("No Chinese font found: Chinese names may not render. Install fonts-noto-cjk.")
    return fs
