"""docs/metrics.md is generated from the KPI registry: this fails while the committed file is stale
(fix: `python -m analytics docs`), and the reference never points outside the repository."""
from analytics import cli
from analytics.commands import docs
from analytics.core import registry


def test_committed_kpi_reference_matches_the_registry():
    assert docs.PATH.read_text(encoding="utf-8") == docs.render(), \
        "docs/metrics.md is stale: run `python -m analytics docs`"
    assert cli.main(["docs", "--check"]) == 0


def test_the_reference_lists_every_kpi_and_points_nowhere_outside_the_repo():
    text = docs.render()
    assert all(f"| `{k}` |" in text for k in registry.KPIS)
    assert "shared/" not in text and "kpi-definitions" not in text
