"""Which language a session opens in: the link's lang=, else the deployment default, else the browser's
Accept-Language, else English."""
import pytest

from analytics.i18n import preference


@pytest.mark.parametrize("header, lang", [
    ("fa-IR,fa;q=0.9,en-US;q=0.8,en;q=0.7", "fa"),
    ("zh-CN,zh;q=0.9", "zh"),
    ("de-DE,de;q=0.9,zh-Hans;q=0.5,en;q=0.3", "zh"),     # the best supported one, not the first
    ("en;q=0.2, fa;q=0.8", "fa"),                        # q-values, not order
    ("de-DE,fr", None), ("", None), (None, None), ("fa;q=0", None), ("fa;q=abc", None),
])
def test_accept_language(header, lang):
    assert preference.from_accept_language(header) == lang


def test_order_link_then_deployment_then_browser(tmp_path, monkeypatch):
    monkeypatch.delenv("SWITCHBOARD_LANG", raising=False)
    db = tmp_path / "w.duckdb"
    assert preference.initial(None, db, "zh-CN") == "zh"
    assert preference.initial(None, db, None) == "en"
    preference.save_deployment_default(db, "fa")
    assert preference.deployment_default(db) == "fa"
    assert preference.initial(None, db, "zh-CN") == "fa"
    assert preference.initial("zh", db, "en") == "zh"
    assert preference.initial("xx", db, "en") == "fa"
    preference.save_deployment_default(db, None)
    assert preference.initial(None, db, "zh-CN,en") == "zh"
    monkeypatch.setenv("SWITCHBOARD_LANG", "zh")
    assert preference.initial(None, db, "fa") == "zh"


def test_a_broken_settings_file_is_no_default(tmp_path, monkeypatch):
    monkeypatch.delenv("SWITCHBOARD_LANG", raising=False)
    db = tmp_path / "w.duckdb"
    preference.settings_file(db).write_text("{not json", encoding="utf-8")
    assert preference.deployment_default(db) is None
    preference.save_deployment_default(db, "zh")   # and saving repairs it
    assert preference.deployment_default(db) == "zh"
