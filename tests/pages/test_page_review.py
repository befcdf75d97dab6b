"""The Weekly review page in AppTest: default view, a shared link, presentation mode, odd links,
an empty period, and last review's actions."""
import shutil
from datetime import date


from analytics.core import registry
from analytics.core import metrics, warehouse
from analytics.review import actions, build
from analytics.review import period as rp
from apptest_helpers import errors, run_page, metric_value, notices, info_texts


def _texts(at):
    return " ".join([t.value for t in at.title] + [m.value for m in at.markdown] + info_texts(at)
                    + [c.value for c in at.caption])


def test_review_default_view_is_the_last_complete_week(sample_db):
    at = run_page(sample_db, "review")
    assert not errors(at)
    assert at.session_state["p_review_period"] == "2026-W46"
    assert at.query_params["review_period"] == ["2026-W46"] or at.query_params["review_period"] == "2026-W46"
    assert any("Weekly review 2026-W46" in t.value for t in at.title)
    f = build.filters_for(rp.parse("2026-W46"))
    with warehouse.read_connection(sample_db) as con:
        expected = metrics.compute_one(con, f, ["abandon_rate_pct", "offered"])
    shown = {m.label: metric_value(at, m.label) for m in at.metric}
    assert shown["Abandonment rate"] == registry.get("abandon_rate_pct").format(expected["abandon_rate_pct"])
    assert shown["Calls offered"] == registry.get("offered").format(expected["offered"])
    assert "Highlights" in [s.value for s in at.subheader]


def test_review_from_a_shared_link(sample_db):
    at = run_page(sample_db, "review", {"review_period": "2026-10", "review_rank_by": "csat_pct", "present": "1"})
    assert not errors(at)
    assert at.session_state["p_review_period"] == "2026-10" and at.session_state["rv_kind"] == "month"
    assert at.session_state["p_review_rank_by"] == "csat_pct" and at.session_state["p_present"] == "1"
    assert any("Monthly review 2026-10" in t.value for t in at.title)
    assert "Ranked by CSAT" in _texts(at)
    assert not [b for b in at.button if "Prepare" in str(b.label)]      # presentation hides the export


def test_review_odd_links_fall_back_with_notices(sample_db):
    at = run_page(sample_db, "review", {"review_period": "2026-W99'; DROP TABLE calls", "review_rank_by": "nope",
                                        "present": "yes"})
    assert not errors(at)
    assert at.session_state["p_review_period"] == "2026-W46" and at.session_state["p_review_rank_by"] == "fcr_pct"
    notes = notices(at)
    assert "Ignored '2026-W99'; DROP TABLE calls' from the link" in notes and "Ignored 'nope' from the link" in notes
    assert "review_rank_by" not in notes


def test_review_empty_period(sample_db):
    at = run_page(sample_db, "review", {"review_period": "2025-W10"})
    assert not errors(at)
    assert at.session_state["p_review_period"] == "2025-W10"
    assert "No calls in this selection." in info_texts(at)
    assert not at.metric


def test_review_shows_last_reviews_actions_and_saves_the_tick(sample_db, tmp_path):
    db = tmp_path / "center.duckdb"
    shutil.copy(sample_db, db)
    a = actions.add(db, rp.parse("2026-W45"), "Call *Billing* vendor", "王芳", date(2026, 11, 13))
    at = run_page(db, "review")
    assert not errors(at)
    box = at.checkbox(key=f"rv_done_{a}")
    assert "Billing" in box.label and box.value is False
    box.check().run()
    assert not errors(at)
    with warehouse.read_connection(db) as con:
        assert list(actions.last_review(con, rp.parse("2026-W46")).actions["done"]) == [True]


def test_review_prepares_the_html_report_for_download(sample_db):
    at = run_page(sample_db, "review")
    at.button(key="rv_prepare_html").click().run()
    assert not errors(at)
    (data,) = [v for k, v in at.session_state["rv_reports"].items() if k[:2] == ("html", "2026-W46")]
    assert data.startswith(b"<!DOCTYPE html>") and "Weekly review 2026-W46".encode() in data


def test_review_tiles_say_not_significant_once(sample_db):
    """The tile's change is the bare change; "n.s." is said once, by the tile's description
    (it used to read "-66 (n.s.)  n.s.")."""
    at = run_page(sample_db, "review", {})
    assert not errors(at)
    deltas = [m.delta for m in at.metric if m.delta]
    assert deltas, "the review tiles show their change against the previous period"
    assert not [d for d in deltas if "n.s." in d or "sig." in d]
