"""The catalogs are complete: every string marked in the code (and every KPI name, period, grain and
status word — analytics/i18n/vocab.py) is in each language's .po, translated in Persian and Chinese,
with the same {placeholders} as the English."""
import re

import pytest

from analytics import i18n
from analytics.i18n import catalog

PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


@pytest.fixture(scope="module")
def template():
    return catalog.template()


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_every_marked_string_is_in_the_catalog_and_translated(template, lang):
    missing = catalog.missing(lang, template)
    assert not missing, (f"{len(missing)} string(s) not in (or untranslated in) {i18n.po_path(lang).name} "
                         f"[{lang}]: run `make i18n` and translate them: {missing[:10]}")


@pytest.mark.parametrize("lang", ["fa", "zh"])
def test_translations_keep_the_placeholders(lang):
    for m in catalog.read(lang):
        if not m.id or not m.string:
            continue
        ids = (m.id,) if isinstance(m.id, str) else m.id
        strings = (m.string,) if isinstance(m.string, str) else m.string
        want = set(PLACEHOLDER.findall(ids[-1]))
        for s in strings:
            assert set(PLACEHOLDER.findall(s)) == want, (lang, m.id, s)


def test_a_string_missing_from_the_catalog_is_reported(template):
    """The check can fail: a string the catalog lacks is listed for every language."""
    template.add("A string nobody translated yet")
    for lang in i18n.LANGS:
        assert "A string nobody translated yet" in catalog.missing(lang, template)


def test_the_catalogs_translate_at_run_time():
    from analytics.core import registry

    k = registry.get("service_level_pct")
    with i18n.using("fa"):
        assert k.label == "سطح خدمت" and k.format(82.34) == "۸۲٫۳٪"
    with i18n.using("zh"):
        assert k.label == "服务水平" and registry.get("offered").format(12345) == "12,345"
    assert k.label == "Service level" and k.format(82.34) == "82.3%"
