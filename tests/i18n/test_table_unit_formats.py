"""A table column's unit is written in the reader's language, as the tiles write it: a Persian table of
handle times says ثانیه, a Chinese one 秒, not "s" (the format is printf, drawn by the browser)."""
from __future__ import annotations

import re

import pytest

from analytics import i18n
from analytics.core import registry, units
from analytics.ui import components

PRINTF = units.PRINTF_NUMBER


@pytest.mark.parametrize("lang, seconds, percent", [("en", "%,.0f s", "%.1f%%"), ("fa", "%'٬,.0f ثانیه", "%.1f٪"),
                                                    ("zh", "%,.0f 秒", "%.1f%%")])
def test_unit_columns_follow_the_language(lang, seconds, percent):
    with i18n.using(lang):
        assert units.get("s").column_format() == seconds
        assert units.get("pct").column_format() == percent
        assert units.get("s").format(12) == i18n.gettext("{value} s").format(value=units.digits("12", lang))


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_every_kpi_column_is_one_printf_number(lang):
    """Exactly one number conversion and no stray '%' (a literal percent is '%%'), in every language."""
    with i18n.using(lang):
        for kid in registry.KPIS:
            fmt = registry.get(kid).display.column_format()
            bare = fmt.replace("%%", "")
            assert len(PRINTF.findall(bare)) == 1 and "%" not in PRINTF.sub("", bare), (lang, kid, fmt)


def test_the_kpi_tables_use_it():
    with i18n.using("fa"):
        config = components.kpi_column_config(["aht_s", "service_level_pct"])
    assert "%'٬,.0f ثانیه" in str(config["aht_s"]) and "%.1f٪" in str(config["service_level_pct"])
