"""Attrition model: features without leakage or protected attributes, labels, backtest, determinism,
explanations, what-if, persistence and the CLI."""
import datetime as dt
import json

import duckdb
import numpy as np
import pandas as pd
import pytest
from attrition_fixtures import copy_db, labeled_db, trained_db, with_verdict

from analytics import cli
from analytics.core import warehouse
from analytics.attrition import backtest, explain, features, store, training, watchlist, whatif
from analytics.attrition import model as models

MONTH = dt.date(2026, 5, 31)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return labeled_db(tmp_path_factory)


@pytest.fixture(scope="module")
def frame(db):
    with duckdb.connect(str(db), read_only=True) as con:
        return features.load(con)


def _features_at(path, month):
    with duckdb.connect(str(path), read_only=True) as con:
        df = features.load(con, month)
    return df.drop(columns=[features.LABEL]).sort_values("agent_id").reset_index(drop=True)


# --- protected attributes and names -------------------------------------------------------------

def test_deny_list_catches_protected_attributes_and_names():
    for bad in ("age", "agent_age", "gender", "ethnicity", "religion", "health_flag", "marital_status",
                "name", "agent_name", "first_name", "supervisorname"):
        assert features.denied(bad), bad
    for ok in ("tenure_days", "occupancy_30d", "coaching_90d", "team_exits_90d", "aht_team_pctile"):
        assert not features.denied(ok), ok
    with pytest.raises(ValueError, match="protected"):
        features.check_allowed(["tenure_days", "gender"])


def test_model_features_and_feature_table_hold_no_protected_attribute_or_name(frame):
    features.check_allowed(features.FEATURE_IDS)
    features.check_allowed(frame.columns)
    assert "name" not in frame.columns


# --- no leakage, no truth ------------------------------------------------------------------------

def test_features_at_a_month_end_ignore_everything_after_it(db, tmp_path):
    before = _features_at(db, MONTH)
    assert len(before) > 30
    path = copy_db(db, tmp_path)
    with warehouse.write_connection(path) as con:
        cut = MONTH + dt.timedelta(days=1)
        con.execute("DELETE FROM calls WHERE arrived_at >= ?", [cut])
        con.execute("UPDATE shifts SET absent = true, logged_in_s = 0 WHERE date >= ?", [cut])
        con.execute("UPDATE evaluations SET score = 0 WHERE evaluated_at >= ?", [cut])
        con.execute("UPDATE surveys SET csat = 1 WHERE answered_at >= ?", [cut])
        con.execute("UPDATE agents SET left_on = ?, exit_type = 'voluntary' WHERE role = 'agent' AND "
                    "(left_on IS NULL OR left_on > ?) AND hired_on <= ?", [cut + dt.timedelta(days=3), cut, MONTH])
    after = _features_at(path, MONTH)
    pd.testing.assert_frame_equal(before, after)


def test_one_month_features_equal_that_month_of_the_full_table(db, frame):
    # scoring computes one month-end, training all of them: the two must agree (no look-ahead through
    # the span of months asked for, e.g. an agent's line or the center's absence rate)
    one = _features_at(db, MONTH)
    full = (frame[frame["month_end"] == MONTH].drop(columns=[features.LABEL])
            .sort_values("agent_id").reset_index(drop=True))
    pd.testing.assert_frame_equal(one[full.columns], full, check_exact=False, atol=1e-9)


def test_team_exit_history_counts_voluntary_exits_only(db, tmp_path):
    before = _features_at(db, MONTH)
    path = copy_db(db, tmp_path)
    with warehouse.write_connection(path) as con:
        sup = con.execute("SELECT supervisor_id FROM agents WHERE role = 'agent' AND exit_type = 'voluntary' "
                          "AND left_on <= ? GROUP BY ALL ORDER BY count(*) DESC, supervisor_id LIMIT 1",
                          [MONTH]).fetchone()[0]
        con.execute("UPDATE agents SET exit_type = 'involuntary' WHERE supervisor_id = ? AND exit_type = 'voluntary'",
                    [sup])
    after = _features_at(path, MONTH)
    team = before["supervisor_id"] == sup
    assert team.any()
    for col in ("team_vol_exit_rate_365d", "team_vol_exit_rate_all"):
        assert after.loc[team, col].iloc[0] < before.loc[team, col].iloc[0]
    # all exits still count in the plain team-exit counts
    pd.testing.assert_series_equal(after["team_exits_365d"], before["team_exits_365d"])


def test_the_leakage_check_can_fail_on_data_before_the_month_end(db, tmp_path):
    before = _features_at(db, MONTH)
    path = copy_db(db, tmp_path)
    with warehouse.write_connection(path) as con:
        con.execute("UPDATE shifts SET absent = true WHERE date BETWEEN ? AND ?", [MONTH - dt.timedelta(days=5), MONTH])
    after = _features_at(path, MONTH)
    assert (after["absences_30d"] > before["absences_30d"]).any()


def test_features_never_read_the_truth_schema(db, tmp_path, frame):
    path = copy_db(db, tmp_path)
    with warehouse.write_connection(path) as con:
        con.execute("DROP SCHEMA truth CASCADE")
        again = features.load(con)
    pd.testing.assert_frame_equal(frame, again)


# --- labels --------------------------------------------------------------------------------------

def test_tail_months_are_unlabeled_but_scored(db, frame, tmp_path_factory):
    with duckdb.connect(str(db), read_only=True) as con:
        end = features.bounds(con)[1]
    tail = frame["month_end"].map(lambda m: m + dt.timedelta(days=90) > end)
    assert tail.any() and (~tail).any()
    assert frame.loc[tail, features.LABEL].isna().all()
    assert frame.loc[~tail, features.LABEL].notna().all()
    assert set(frame.loc[~tail, features.LABEL].astype(int)) == {0, 1}
    trained = trained_db(tmp_path_factory)
    model, meta = store.latest(trained)
    from analytics.attrition import scoring
    scored = scoring.score(trained, model, meta)
    assert scored["month_end"].max() == frame["month_end"].max()
    assert scored["risk"].between(0, 1).all() and scored["band"].isin(["high", "medium", "low"]).all()


def test_label_is_a_voluntary_exit_within_90_days(db, frame):
    with duckdb.connect(str(db), read_only=True) as con:
        agents = con.execute("SELECT agent_id, left_on, exit_type FROM agents").df()
    lab = frame[frame[features.LABEL].notna()].merge(agents, on="agent_id")
    left = pd.to_datetime(lab["left_on"]).dt.date
    expect = [(e == "voluntary" and lo is not None and not pd.isna(lo) and m < lo <= m + dt.timedelta(days=90))
              for e, lo, m in zip(lab["exit_type"], left, lab["month_end"])]
    assert (lab[features.LABEL].astype(int).to_numpy() == np.array(expect, dtype=int)).all()


# --- backtest and training -----------------------------------------------------------------------

def test_backtest_folds_are_time_ordered(frame):
    fl = backtest.folds(frame, n_folds=3)
    assert fl
    for test_month, train_months in fl:
        assert max(train_months) < test_month
        assert max(train_months) <= test_month - dt.timedelta(days=backtest.LABEL_DAYS)
    tests = [t for t, _ in fl]
    assert tests == sorted(tests)


def test_training_is_deterministic_for_a_seed(frame):
    m1, meta1 = training.fit_all(frame, seed=5, n_folds=2)
    m2, meta2 = training.fit_all(frame, seed=5, n_folds=2)
    assert meta1["table"] == meta2["table"] and meta1["kind"] == meta2["kind"]
    np.testing.assert_array_equal(models.predict(m1, frame), models.predict(m2, frame))


def test_metrics_on_a_known_ranking():
    y = np.array([1, 0, 0, 0, 0, 0, 0, 0, 0, 1])
    p = np.array([.9, .1, .2, .1, .1, .1, .1, .1, .1, .3])
    m = backtest.metrics(y, p)
    assert m["precision_at_10pct"] == 1.0 and m["recall_at_10pct"] == 0.5 and m["lift_at_10pct"] == 5.0
    assert m["roc_auc"] == 1.0


def test_not_enough_history_on_the_three_month_sample(sample_db, tmp_path):
    path = copy_db(sample_db, tmp_path)
    with pytest.raises(backtest.NotEnoughHistory):
        training.train(path)
    assert store.latest(path) is None and watchlist(path).empty


# --- explanations and what-if --------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["logistic", "gbm"])
def test_contributions_add_up_to_the_models_log_odds(frame, kind):
    lab = frame[frame[features.LABEL].notna()]
    m = models.fit(kind, lab, lab[features.LABEL].astype(int).to_numpy(), 0)
    c = explain.contributions(m, kind, frame)
    raw = (m.decision_function(frame[features.FEATURE_IDS]) if kind == "logistic"
           else models.tree_of(m).decision_function(frame[features.FEATURE_IDS]))
    spread = (c.sum(axis=1).to_numpy() - raw)
    assert np.ptp(spread) < 1e-6  # equal up to one constant (the intercept / expected value)


def test_blend_contributions_add_up_to_its_members_average_log_odds(frame):
    lab = frame[frame[features.LABEL].notna()]
    m = models.fit("blend", lab, lab[features.LABEL].astype(int).to_numpy(), 0)
    parts = models.members(m)
    c = explain.contributions(m, "blend", frame)
    p_gbm = models.predict(parts["gbm"], frame)
    raw = 0.5 * (parts["logistic"].decision_function(frame[features.FEATURE_IDS]) + np.log(p_gbm / (1 - p_gbm)))
    assert np.ptp(c.sum(axis=1).to_numpy() - raw) < 1e-6
    np.testing.assert_allclose(models.predict(m, frame),
                               (models.predict(parts["logistic"], frame) + p_gbm) / 2, atol=1e-12)


def test_regularization_is_chosen_on_earlier_months_only(frame):
    lab = frame[frame[features.LABEL].notna()]
    months = sorted(lab["month_end"].unique())
    inner = models.inner_folds(months)
    assert inner and all(max(tr) <= v - dt.timedelta(days=models.LABEL_DAYS) for v, tr in inner)
    assert [v for v, _ in inner] == months[-len(inner):]
    c = models.choose_c(lab, lab[features.LABEL].astype(int).to_numpy(), 0)
    assert c in models.C_GRID


def test_driver_sentences_show_value_and_team_median():
    assert explain.sentence("absences_60d", 4, 1) == "absences in the last 60 days 4 days, team median 1 days"


def test_what_if_moves_the_risk_and_carries_the_caveat(tmp_path_factory, frame):
    path = trained_db(tmp_path_factory)
    model, meta = store.latest(path)
    from analytics.attrition import scoring
    row = scoring.score(path, model, meta).iloc[0]
    res = whatif.apply(model, row, whatif.scenario("occupancy_minus_5", row))
    assert res["changes"]["occupancy_30d"]["to"] == pytest.approx(row["occupancy_30d"] - 5)
    assert 0 <= res["after"] <= 1 and "not causation" in res["caveat"]
    lab = frame[frame[features.LABEL].notna()]
    lr = models.fit("logistic", lab, lab[features.LABEL].astype(int).to_numpy(), 0)
    coef = lr.named_steps["model"].coef_[0][features.FEATURE_IDS.index("absences_60d")]
    big = whatif.apply(lr, row, {"absences_60d": row["absences_60d"] + 10})
    assert np.sign(big["change"]) == np.sign(coef) and big["change"] != 0
    with pytest.raises(KeyError):
        whatif.apply(model, row, {"gender": 1})


# --- persistence, watch-list, CLI ----------------------------------------------------------------

class NotAModel:
    """A type from outside scikit-learn/NumPy/SciPy: loading it must be refused."""

    def __init__(self):
        self.payload = "anything"


def test_model_files_are_versioned_and_untrusted_types_refused(tmp_path_factory, tmp_path):
    path = trained_db(tmp_path_factory)
    files = store.saved(path)
    assert files and files[-1].name.startswith("attrition-") and files[-1].suffix == ".skops"
    meta = store.load_meta(files[-1])
    assert meta["data_hash"] and meta["training_window"]["first_month_end"] and meta["folds"]
    import skops.io as sio

    evil = tmp_path / "attrition-evil.skops"
    sio.dump({"x": NotAModel()}, evil)
    with pytest.raises(store.ModelRejected):
        store.load_model(evil)


def test_watchlist(tmp_path_factory):
    w = watchlist(trained_db(tmp_path_factory), limit=5)
    assert list(w.columns) == ["agent_id", "name", "supervisor", "risk", "band", "drivers"]
    assert len(w) == 5 and w["risk"].is_monotonic_decreasing


def test_cli_train_score_report(db, tmp_path, capsys):
    path = copy_db(db, tmp_path)
    assert cli.main(["attrition", "train", "--db", str(path), "--format", "json", "--folds", "2", "--seed", "1"]) == 0
    out = json.loads(capsys.readouterr().out)
    for k in ("roc_auc", "pr_auc", "brier", "precision_at_10pct", "recall_at_10pct", "lift_at_10pct",
              "oracle_roc_auc", "baselines", "folds"):
        assert k in out, k
    assert set(out["baselines"]) == {"tenure_only", "absence_last_month_only", "base_rate"}
    assert out["folds"] == sorted(out["folds"]) and len(out["folds"]) == 2
    # a model that has not earned a ranking lists no agents, here as on the page and in the review
    (tmp_path / "untrusted").mkdir()
    (tmp_path / "trusted").mkdir()
    untrusted = with_verdict(path, tmp_path / "untrusted", trusted=False)
    assert cli.main(["attrition", "score", "--db", str(untrusted), "--format", "json"]) == 1
    said = capsys.readouterr()
    assert said.out == "" and "does not rank agents reliably better than a simple baseline" in said.err
    assert len(said.err.strip().splitlines()) == 1
    path = with_verdict(path, tmp_path / "trusted", trusted=True)
    assert cli.main(["attrition", "score", "--db", str(path), "--format", "json", "--limit", "3"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 3 and {"agent_id", "risk", "band", "drivers"} <= set(rows[0])
    assert cli.main(["attrition", "report", "--db", str(path)]) == 0
    report = capsys.readouterr().out
    assert "Intended use" in report
    header = report.splitlines()[0]  # the model card's columns in words, as on the page
    assert "Precision at top 10%" in header and "Agent-months" in header and "roc_auc" not in header
    # drivers in the reader's language, written again from the stored detail
    assert cli.main(["attrition", "score", "--db", str(path), "--format", "json", "--limit", "3", "--lang", "fa"]) == 0
    fa_rows = json.loads(capsys.readouterr().out)
    assert [r["agent_id"] for r in fa_rows] == [r["agent_id"] for r in rows]
    assert all(r["drivers"] != e["drivers"] for r, e in zip(fa_rows, rows))
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in r["drivers"]) for r in fa_rows)


def test_cli_refuses_test_months_that_leave_nothing_to_choose_on_and_a_negative_limit(db, tmp_path, capsys):
    path = copy_db(db, tmp_path)
    assert cli.main(["attrition", "train", "--db", str(path), "--folds", "1000"]) == 1
    err = capsys.readouterr().err
    assert "test months asked, but this warehouse's history has" in err and len(err.strip().splitlines()) == 1
    assert store.latest(path) is None  # nothing saved
    for bad in (["score", "--limit", "-3"], ["train", "--folds", "0"], ["score", "--limit", "three"]):
        with pytest.raises(SystemExit) as exit_:
            cli.main(["attrition", *bad, "--db", str(path)])
        assert exit_.value.code == 2
        assert "below" in capsys.readouterr().err or bad[-1] == "three"
    text = tmp_path / "notes.txt"
    text.write_text("not a warehouse", encoding="utf-8")
    assert cli.main(["attrition", "score", "--db", str(text)]) != 0
    assert "is not a Switchboard warehouse" in capsys.readouterr().err


def test_cli_explains_missing_model_and_short_history(sample_db, tmp_path, capsys):
    path = copy_db(sample_db, tmp_path)
    assert cli.main(["attrition", "score", "--db", str(path)]) == 1
    assert "no trained attrition model" in capsys.readouterr().err
    assert cli.main(["attrition", "train", "--db", str(path)]) == 1
    assert "Not enough labeled history" in capsys.readouterr().err


def test_two_supervisors_of_one_name_get_a_bar_each():
    from analytics.attrition import charts as acharts

    teams = pd.DataFrame({"supervisor_id": ["S05", "S19", "S07"],
                          "supervisor": ["Nathan Morrison", "Nathan Morrison", "Olivia Martin"],
                          "agents": [11, 13, 9], "mean_risk": [0.063, 0.052, 0.19], "high": [0, 0, 2], "medium": [2, 1, 1]})
    spec = acharts.supervisors(teams).to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert spec["encoding"]["y"]["field"] == "team"
    assert sorted(r["team"] for r in rows) == ["Nathan Morrison (S05)", "Nathan Morrison (S19)", "Olivia Martin"]
