"""Importing a user's own exports into the warehouse, all or nothing. See docs/import.md."""
from analytics.importer.contract import CONTRACTS, TABLES, template_sql
from analytics.importer.errors import ImportInputError
from analytics.importer.pipeline import import_file, preview
from analytics.importer.result import ImportResult

__all__ = ["CONTRACTS", "TABLES", "ImportInputError", "ImportResult", "import_file", "preview", "template_sql"]
