"""Which text encoding a CSV is in, and turning a legacy-encoded file into UTF-8 without loading it whole.

DuckDB reads UTF-8 (BOM or not) itself; anything else (UTF-16, cp1256, GBK, ...) is transcoded in
fixed-size chunks to a temporary UTF-8 copy, so memory stays flat whatever the file size.
"""
from __future__ import annotations

import codecs
from pathlib import Path

from analytics.i18n import _, isolate
from analytics.importer.errors import ImportInputError

SAMPLE_BYTES = 1 << 20
CHUNK_CHARS = 1 << 20

# Legacy encodings worth suggesting, with the script their non-ASCII text is expected to be in.
_CANDIDATES = (
    ("cp1256", (0x0600, 0x06FF), "Arabic/Persian Windows"),
    ("gb18030", (0x4E00, 0x9FFF), "Chinese (GBK/GB18030)"),
    ("big5", (0x4E00, 0x9FFF), "Traditional Chinese"),
)


def detect(path: Path) -> str:
    """'utf-8', 'utf-8-sig' or 'utf-16'; raises ImportInputError naming a likely encoding otherwise."""
    with open(path, "rb") as fh:
        sample = fh.read(SAMPLE_BYTES)
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=len(sample) < SAMPLE_BYTES)
        return "utf-8"
    except UnicodeDecodeError as exc:
        line = sample[: exc.start].count(b"\n") + 1
        guess = guess_legacy(sample)
        args = dict(file=isolate(path.name), byte=f"0x{sample[exc.start]:02X}", line=line)
        if guess:
            text = _("{file} is not UTF-8 text (invalid byte {byte} on line {line}); it looks like {encoding} "
                     "({language}): pass --encoding {encoding} or re-save the file as UTF-8").format(
                encoding=guess[0], language=guess[1], **args)
        else:
            text = _("{file} is not UTF-8 text (invalid byte {byte} on line {line}); pass --encoding NAME or "
                     "re-save the file as UTF-8").format(**args)
        raise ImportInputError(text) from None


def guess_legacy(sample: bytes) -> tuple[str, str] | None:
    """The candidate encoding under which the non-ASCII text is almost all in the expected script."""
    best = None
    for name, (lo, hi), label in _CANDIDATES:
        try:
            text = sample.decode(name, errors="strict")
        except UnicodeDecodeError:
            continue
        non_ascii = [ch for ch in text if ord(ch) > 127]
        if not non_ascii:
            continue
        share = sum(lo <= ord(ch) <= hi for ch in non_ascii) / len(non_ascii)
        if share > 0.8 and (best is None or share > best[0]):
            best = (share, name, label)
    return (best[1], best[2]) if best else None


def transcode_to_utf8(src: Path, encoding: str, dest: Path) -> Path:
    """Stream `src` (in `encoding`) into a UTF-8 file `dest`; a bad byte names its line."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ImportInputError(_("unknown encoding {encoding} for {file}").format(encoding=repr(encoding), file=isolate(src.name))) from None
    line, first = 1, True
    with open(src, encoding=encoding, errors="strict", newline="") as fin, open(
        dest, "w", encoding="utf-8", newline=""
    ) as fout:
        while True:
            try:
                chunk = fin.read(CHUNK_CHARS)
            except UnicodeDecodeError:
                raise ImportInputError(
                    _("{file} is not valid {encoding} text (undecodable bytes after line {line})").format(
                        file=isolate(src.name), encoding=encoding, line=line)
                ) from None
            if not chunk:
                break
            line += chunk.count("\n")
            fout.write(chunk.lstrip("\ufeff") if first else chunk)
            first = False
    return dest
