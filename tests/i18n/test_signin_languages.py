"""The sign-in form speaks the link's language (a session opened with ?lang=fa signs in in Persian and
lands on a Persian Overview), and the language survives the sign-in."""
from analytics.auth import users
from apptest_helpers import errors, run_page


def test_persian_sign_in_then_a_persian_overview(sample_db, tmp_path, monkeypatch):
    path = tmp_path / "users.json"
    users.add(path, "maryam", "correct horse", "manager")
    monkeypatch.setenv("SWITCHBOARD_AUTH", "users")
    monkeypatch.setenv("SWITCHBOARD_USERS", str(path))
    monkeypatch.setenv("SWITCHBOARD_AUDIT", str(tmp_path / "audit.jsonl"))
    at = run_page(sample_db, params={"lang": "fa"})
    assert [t.label for t in at.text_input] == ["نام کاربری", "گذرواژه"]
    at.text_input[0].input("maryam")
    at.text_input[1].input("wrong")
    at.button[0].click().run()
    assert "نام کاربری یا گذرواژه نادرست است." in [e.value for e in at.error]
    at.text_input[0].input("maryam")
    at.text_input[1].input("correct horse")
    at.button[0].click().run()
    assert not errors(at)
    assert at.title[0].value == "نمای کلی" and "سطح خدمت" in [m.label for m in at.metric]
