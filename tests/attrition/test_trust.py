"""Has the model earned a ranking? The bootstrap interval of the AUC difference decides, and the review's
watchlist follows the same verdict as the Attrition page."""
import numpy as np
import pandas as pd
import pytest
from attrition_fixtures import trained_db, with_verdict

from analytics.attrition import trust


def _oof(n_agents=200, months=3, signal=2.0, seed=1):
    rng = np.random.default_rng(seed)
    rows = []
    for a in range(n_agents):
        for m in range(months):
            x = rng.normal()
            y = int(rng.random() < 1 / (1 + np.exp(-(signal * x - 2))))
            rows.append({"agent_id": f"A{a}", "label": y, "model": x + rng.normal(scale=0.3),
                         "base_rate": 0.1, "noise": rng.random()})
    return pd.DataFrame(rows)


def test_a_model_with_real_signal_is_trusted():
    t = trust.assess(_oof(), "model", ["base_rate", "noise"])
    assert t["trusted"] and t["auc_diff_ci"][0] > 0 and t["auc_diff"] > 0.2


def test_a_model_no_better_than_a_baseline_is_not_trusted():
    df = _oof(signal=0.0)
    df["model"] = df["noise"] + np.random.default_rng(5).normal(scale=0.05, size=len(df))  # ≈ the baseline
    t = trust.assess(df, "model", ["base_rate", "noise"])
    assert not t["trusted"] and t["auc_diff_ci"][0] <= 0


def test_auc_by_ranks_matches_scikit_learn():
    from sklearn.metrics import roc_auc_score
    df = _oof()
    assert trust._auc(df["label"].to_numpy(), df["model"].to_numpy()) == pytest.approx(
        roc_auc_score(df["label"], df["model"]), abs=1e-12)


@pytest.mark.parametrize("meta,trusted", [
    ({"trust": {"trusted": True}}, True),
    ({"trust": {"trusted": False}}, False),
    ({"trusted": True, "auc_diff_ci": [0.01, 0.09]}, True),                      # the model's own keys
    ({"targets": {"above_best_baseline_by_0_05": False}}, False),               # saved before a verdict
    ({"targets": {"above_best_baseline_by_0_05": True}}, True),
])
def test_verdict_reads_what_the_model_carries(meta, trusted):
    v = trust.verdict({"roc_auc": 0.6, **meta})
    assert v.trusted is trusted and v.headline


def test_the_review_watchlist_follows_the_verdict(tmp_path_factory):
    from analytics.review import watchlist

    src = trained_db(tmp_path_factory)
    df, note = watchlist.attrition(with_verdict(src, tmp_path_factory.mktemp("no"), False))
    assert df is None and "does not rank agents reliably better" in note
    df, note = watchlist.attrition(with_verdict(src, tmp_path_factory.mktemp("yes"), True))
    assert note is None and len(df) > 0 and "risk" in df


def test_the_training_time_is_written_as_a_moment_not_an_iso_stamp():
    from analytics import i18n
    from analytics.attrition import card

    meta = {"created_at": "2026-12-02T13:36:20+00:00"}
    assert card.created_text(meta) == "Wed 02 Dec 2026, 13:36"
    with i18n.using("fa"):
        assert "۱۳:۳۶" in card.created_text(meta) and "T13" not in card.created_text(meta)
