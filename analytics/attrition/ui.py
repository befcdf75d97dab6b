"""Streamlit glue for the attrition page: cached loading and scoring, and the train button."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from analytics.core import warehouse
from analytics.attrition import backtest, scores, store, training


def _models_version(db: Path) -> str:
    files = store.saved(db)
    return files[-1].name if files else "-"


@st.cache_resource(show_spinner=False, max_entries=4)
def _latest(path: str, version: str):
    try:
        return store.latest(path)
    except store.ModelRejected as exc:
        return f"The saved model could not be loaded safely: {exc}"


def cached_latest(db: Path):
    """(model, meta), None when no model exists, or an error message."""
    return _latest(str(db), _models_version(db))


def _meta(path: str) -> dict:
    """The newest model's metadata (a small JSON file; the model itself loads only to score)."""
    return store.load_meta(store.saved(path)[-1])


# Scores are computed once per model and data (analytics.attrition.scores) and read back from the
# warehouse; the caches below only save the read.
@st.cache_data(show_spinner="Scoring agents…", max_entries=8)
def _scores(path: str, model_id: str, data_version: str):
    return scores.latest(path, _meta(path))


def cached_scores(db: Path, model_id: str):
    return _scores(str(db), model_id, warehouse.data_version(db))


@st.cache_data(show_spinner="Scoring every month-end…", max_entries=16)
def _agent_history(path: str, model_id: str, agent_id: str, data_version: str):
    return scores.agent_history(path, _meta(path), agent_id)


def cached_agent_history(db: Path, model_id: str, agent_id: str):
    """One agent's risk at every month-end (the trend chart)."""
    return _agent_history(str(db), model_id, agent_id, warehouse.data_version(db))


RESULT = "att_train_result"


def _train(path: str) -> None:
    """Button callback: runs before the rerun, so its outcome survives it (shown by show_result)."""
    try:
        with st.spinner("Training and backtesting…"):
            saved, meta = training.train(Path(path))
    except backtest.NotEnoughHistory as exc:
        st.session_state[RESULT] = ("warning", f"Could not train a model: {exc}")
    except warehouse.WarehouseError as exc:
        st.session_state[RESULT] = ("warning", str(exc))
    else:
        st.session_state[RESULT] = ("success", f"Trained {saved.name}: backtest ROC AUC {meta['roc_auc']:.3f}.")


def show_result() -> None:
    kind, text = st.session_state.pop(RESULT, (None, None))
    if kind == "warning":
        st.warning(text)
    elif kind == "success":
        st.success(text)


def train_button(db: Path, label: str) -> None:
    st.button(label, key="att_train", on_click=_train, args=(str(db),))
