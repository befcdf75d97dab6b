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


def test_a_column_of_seconds_keeps_one_unit_its_typical_value_would_have():
    """Handle times by queue around the 10-minute line read in seconds, as the center's tile of 466 s
    above them does; a column of long waits reads in minutes throughout."""
    seconds = units.get("s")
    handle = seconds.column_formatter([397.0, 632.0, 419.0, 566.0, None, 470.0])
    assert [handle(v) for v in (397.0, 632.0)] == ["397 s", "632 s"]
    waits = seconds.column_formatter([446.0, 1139.0, 1079.0])
    assert [waits(v) for v in (446.0, 1139.0)] == ["7:26 min", "18:59 min"]
    assert seconds.format(466.0) == "466 s" and seconds.format(632.0) == "10:32 min"  # a value alone
