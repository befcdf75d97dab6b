"""Streamlit glue for the attrition page: cached loading and scoring, and the train button."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from analytics.core import warehouse
from analytics.attrition import backtest, scores, store, training
from analytics.core import units
from analytics.i18n import _


def _models_version(db: Path) -> str:
    files = store.saved(db)
    return files[-1].name if files else "-"


@st.cache_resource(show_spinner=False, max_entries=4)
def _latest(path: str, version: str):
    try:
        return store.latest(path)
    except store.ModelOutdated:
        return _("The saved model was trained by an earlier version of Switchboard on other features, so it "
                 "cannot score agents now. Train a new model.")
    except store.ModelRejected as exc:
        return _("The saved model could not be loaded safely: {error}").format(error=exc)


def cached_latest(db: Path):
    """(model, meta), None when no model exists, or an error message."""
    return _latest(str(db), _models_version(db))


def _meta(path: str) -> dict:
    """The newest model's metadata (a small JSON file; the model itself loads only to score)."""
    return store.load_meta(store.saved(path)[-1])


# Scores are computed once per model and data (analytics.attrition.scores) and read back from the
# warehouse; the caches below only save the read.
@st.cache_data(show_spinner=False, max_entries=8)
def _scores(path: str, model_id: str, data_version: str):
    return scores.latest(path, _meta(path))


def cached_scores(db: Path, model_id: str):
    with st.spinner(_("Scoring agents…")):   # the reader's language (a cached function's spinner text is fixed)
        return _scores(str(db), model_id, warehouse.data_version(db))


@st.cache_data(show_spinner=False, max_entries=16)
def _agent_history(path: str, model_id: str, agent_id: str, data_version: str):
    return scores.agent_history(path, _meta(path), agent_id)


def cached_agent_history(db: Path, model_id: str, agent_id: str):
    """One agent's risk at every month-end (the trend chart)."""
    with st.spinner(_("Scoring every month-end…")):
        return _agent_history(str(db), model_id, agent_id, warehouse.data_version(db))


RESULT = "att_train_result"


def _train(path: str) -> None:
    """Button callback: runs before the rerun, so its outcome survives it (shown by show_result)."""
    try:
        with st.spinner(_("Training and backtesting…")):
            saved, meta = training.train(Path(path))
    except backtest.NotEnoughHistory as exc:
        st.session_state[RESULT] = ("warning", _("Could not train a model: {error}").format(error=exc))
    except warehouse.WarehouseError as exc:
        st.session_state[RESULT] = ("warning", str(exc))
    else:
        st.session_state[RESULT] = ("success", _("Trained {name}: backtest ROC AUC {auc}.").format(
            name=saved.name, auc=units.number(meta['roc_auc'], 3)))


def show_result() -> None:
    kind, text = st.session_state.pop(RESULT, (None, None))
    if kind == "warning":
        st.warning(text)
    elif kind == "success":
        st.success(text)


def train_button(db: Path, label: str) -> None:
    st.button(label, key="att_train", on_click=_train, args=(str(db),))
