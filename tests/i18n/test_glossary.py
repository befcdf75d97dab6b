"""docs/glossary.md's KPI table says what the app says: each KPI's Persian and Chinese name is the
catalog's translation of its registry label."""
from pathlib import Path

from analytics import i18n
from analytics.core import registry

GLOSSARY = Path(__file__).resolve().parents[2] / "docs" / "glossary.md"


def test_the_glossary_names_every_kpi_as_the_catalogs_do():
    rows = {}
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0].startswith("`"):
            rows[cells[0].strip("`")] = cells[1:]
    assert set(rows) == set(registry.KPIS), set(registry.KPIS) ^ set(rows)
    for kid, (en, fa, zh) in rows.items():
        k = registry.get(kid)
        assert en == k.label_en, kid
        with i18n.using("fa"):
            assert fa == k.label, (kid, fa, k.label)
        with i18n.using("zh"):
            assert zh == k.label, (kid, zh, k.label)
