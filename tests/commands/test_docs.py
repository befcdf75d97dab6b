"""docs/metrics.md is generated from the KPI registry and docs/tables.md from the import contract: this
fails while a committed file is stale (fix: `python -m analytics docs`), and no page a user reads points
outside the repository (the project's own contract lives where users do not have it)."""
from pathlib import Path

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


def test_the_input_tables_page_lists_every_canonical_column():
    from analytics.importer.contract import CONTRACTS

    assert docs.TABLES_PATH.read_text(encoding="utf-8") == docs.render_tables()
    text = docs.render_tables()
    for name, t in CONTRACTS.items():
        assert f"## `{name}`" in text and all(f"| `{c}` |" in text for c in t.names)


def test_no_user_document_points_at_files_users_do_not_have():
    root = Path(__file__).resolve().parents[2]
    pages = [root / "README.md", *(root / "docs").glob("*.md")]
    found = [p.name for p in pages if "shared/" in (t := p.read_text(encoding="utf-8")) or "kpi-definitions" in t]
    assert found == [], found
