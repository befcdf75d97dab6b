"""python -m analytics.i18n update | check — see analytics/i18n/catalog.py."""
import sys

from analytics.i18n import catalog


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else "check"
    if cmd in ("update", "extract"):
        for lang, n in catalog.update().items():
            print(f"{lang}: {n} untranslated")
        return 0
    if cmd == "check":
        bad = 0
        for lang in ("fa", "zh", "en"):
            miss = catalog.missing(lang)
            bad += len(miss)
            print(f"{lang}: {len(miss)} untranslated")
            for m in miss[:50]:
                print(f"  {m!r}")
        return 1 if bad else 0
    print(__doc__)
    return 2


sys.exit(main(sys.argv[1:]))
