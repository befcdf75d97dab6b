"""The shared engine: warehouse, filters, periods, the KPI registry, metrics, targets, formats. Changed with care: every page, export and command reads through it."""
