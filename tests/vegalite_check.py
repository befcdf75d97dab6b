"""Check a Vega-Lite spec written as a plain dict (no Altair objects) against the Vega-Lite schema that
Altair ships: what Altair does for its own charts when they are drawn."""
from __future__ import annotations


def validate(spec: dict) -> None:
    """Raise jsonschema.ValidationError when `spec` is not a valid Vega-Lite specification."""
    from altair.vegalite.v6.schema.core import Root

    Root.validate(spec)
