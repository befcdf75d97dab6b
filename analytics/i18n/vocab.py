"""Strings defined once as data rather than as literals at a `_()` call: KPI labels and help (the
registry), period presets, grains and comparisons, status words. They are translated where shown
(`_(k.label)`), and added to the catalog from their one definition, so a new KPI or preset without a
translation fails the catalog test (tests/i18n/test_catalog.py)."""
from __future__ import annotations


def messages() -> dict[str, str]:
    """msgid → where it is defined (a comment for translators)."""
    from analytics.core import calendars, periods, registry, status

    out: dict[str, str] = {}
    for k in registry.KPIS.values():
        out.setdefault(k.label_en, f"KPI name ({k.id})")
        out.setdefault(k.description_en, f"KPI help ({k.id})")
        if k.group:
            out.setdefault(k.group, "KPI group")
        if k.target_source:
            out.setdefault(k.target_source, f"where a KPI's default target comes from ({k.id})")
    for d, where in ((periods.PRESETS, "period preset"), (periods.COMPARISONS, "comparison"),
                     (periods.GRAIN_LABELS, "grain"), (periods.PERSIAN_PRESETS, "period preset, Persian calendar"),
                     (calendars.CALENDAR_LABELS, "calendar"),
                     (dict(enumerate(calendars.JALALI_MONTHS)), "Jalali month (Persian calendar)"),
                     (dict(enumerate(calendars.SEASONS)), "season: a quarter of the Persian calendar")):
        for v in d.values():
            out.setdefault(v, where)
    from analytics.core import units
    from analytics.review import period as review_period

    for v in review_period.KIND_LABELS.values():
        out.setdefault(v, "review period kind")

    from analytics.benchmarks import library

    lib = library.list_benchmarks()
    for col in library.TRANSLATED:
        for v in lib[col]:
            if isinstance(v, str) and v:
                out.setdefault(v, f"published benchmark figures: {col} (sql/seeds/industry_benchmarks.csv)")

    for u in units.UNITS.values():
        if u.title_suffix:
            out.setdefault(u.title_suffix, "unit after an axis title")
    for lk in list(status.LOOKS.values()) + [status.BETTER, status.WORSE, status.NOT_SIGNIFICANT]:
        if lk.word:
            out.setdefault(lk.word, "status word")
    return out
