"""Altair builds a lookup table of every schema class (about 600, each hashed through json.dumps) each
time it turns a shorthand such as `x="day:T"` or a tooltip string into a channel object: ~15 ms per
string, so a chart with four shorthands spent ~50 ms before drawing anything, and a page with six
charts a third of a second. The table depends only on the set of schema classes, which is fixed once
Altair is imported, so it is built once per owner of `_default_wrapper_classes` (VegaLiteSchema or
SchemaBase) and reused. The objects built are the same (tests/core/test_altair_speed.py); Altair's own
draft fix does the same (vega/altair#3547).

Altair's debug mode also checks every schema object against the Vega-Lite schema as it is created
(an axis, a scale, a tooltip: a dozen per chart), a quarter of the time of building a trend chart. The
objects and the specs they make are the same without it; the app already draws without the whole-spec
check (analytics.ui.components._without_schema_check), and the page tests check every spec a page
drew against the schema (tests/apptest_helpers.py, errors()), so a malformed chart still fails a test.

Imported for its effect by analytics.core.charts, which every chart module and page reaches."""
from __future__ import annotations

from altair.utils import schemapi

_converters: dict[type, schemapi._FromDict] = {}


def _owner(cls: type) -> type:
    """The class whose `_default_wrapper_classes` applies to `cls` (the lookup table depends on it only)."""
    for klass in cls.__mro__:
        if "_default_wrapper_classes" in vars(klass):
            return klass
    return cls


def converter(cls: type) -> schemapi._FromDict:
    owner = _owner(cls)
    conv = _converters.get(owner)
    if conv is None:
        conv = _converters[owner] = schemapi._FromDict(owner._default_wrapper_classes())
    return conv


def _from_dict(cls, dct, validate: bool = True):
    # the body of SchemaBase.from_dict, with the converter reused
    if validate:
        cls.validate(dct)
    return converter(cls).from_dict(dct, cls)


if not getattr(schemapi.SchemaBase.from_dict, "_switchboard_memo", False):
    _from_dict._switchboard_memo = True
    schemapi.SchemaBase.from_dict = classmethod(_from_dict)


schemapi.disable_debug_mode()
