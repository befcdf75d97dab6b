"""CSV exports for people: words with units as headers, people as "Name (id)", numbers rounded as on
screen; the raw export keeps machine columns and full precision (analytics/core/exports.py)."""
import csv
import io
import math

import pandas as pd
import pytest
import streamlit as st

from analytics.core import exports


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize("column, expected", [
    ("aht_s", "Average handle time (s)"),
    ("service_level_pct", "Service level (%)"),
    ("offered", "Calls offered"),
    ("span_of_control", "Span of control"),
    ("attrition_rate_pct", "Attrition (annualized, %)"),
    ("hold_count", "Hold count"),
    ("wait_s", "Wait (s)"),
    ("share_pct", "Share (%)"),
    ("tenure_days", "Tenure (days)"),
    ("call_id", "Call ID"),
    ("below_pass_pct", "Below pass (%)"),
    ("pct_in_team", "Percentile in team"),
    ("attrition_rate_pct__leavers", "Attrition (annualized, %): leavers"),
])
def test_headers_are_words_with_units(column, expected):
    assert exports.humanize(column) == expected


def test_scorecard_export_has_words_people_and_rounded_numbers():
    df = pd.DataFrame({"agent": ["A0008"], "name": ["Olivia Wright"], "team": ["Hannah Thompson"],
                       "aht_s": [474.1707317073171], "fcr_pct": [88.97058823529412], "rank_in_team": [1.0],
                       "pct_in_team": [95.83333333333334], "flagged": [False]})
    config = {"rank_in_team": st.column_config.NumberColumn("Rank in team", format="%d"),
              "pct_in_team": st.column_config.ProgressColumn("Percentile in team", format="%.0f",
                                                             min_value=0, max_value=100)}
    rows = _rows(exports.to_csv_bytes(df, config))
    assert rows[0] == ["Agent", "Team", "Average handle time (s)", "First-contact resolution (%)", "Rank in team",
                       "Percentile in team", "Flagged"]
    assert rows[1] == ["Olivia Wright (A0008)", "Hannah Thompson", "474", "89.0", "1", "96", "no"]


def test_org_chart_people_are_one_column_each():
    df = pd.DataFrame({"manager_id": ["M01"], "manager_name": ["Ava Gagnon"], "supervisor_id": ["S01"],
                       "supervisor_name": ["Hannah Thompson"], "site": ["Vancouver"], "agents": [12]})
    rows = _rows(exports.to_csv_bytes(df))
    assert rows == [["Manager", "Supervisor", "Site", "Agents"],
                    ["Ava Gagnon (M01)", "Hannah Thompson (S01)", "Vancouver", "12"]]


def test_a_call_without_an_agent_leaves_the_agent_empty_and_keeps_unicode():
    df = pd.DataFrame({"call_id": ["CL1", "CL2"], "wait_s": [1139.0, 12.4], "agent_id": [None, "A0044"],
                       "agent_name": [math.nan, "何敏"], "hold_count": [None, 3]})
    rows = _rows(exports.to_csv_bytes(df))
    assert rows[0] == ["Call ID", "Wait (s)", "Agent", "Hold count"]
    assert rows[1] == ["CL1", "1139", "", ""]
    assert rows[2] == ["CL2", "12", "何敏 (A0044)", "3"]


def test_screen_label_gets_the_unit_of_its_number_format():
    df = pd.DataFrame({"sl_target": [80.0], "queue": ["Billing"]})
    config = {"sl_target": st.column_config.NumberColumn("SL target", format="%.1f%%"),
              "queue": st.column_config.TextColumn("Queue")}
    assert _rows(exports.to_csv_bytes(df, config)) == [["SL target (%)", "Queue"], ["80", "Billing"]]


def test_evaluator_label_column_is_not_written_twice():
    df = pd.DataFrame({"evaluator_id": ["C03"], "evaluator_name": ["Nicole Scott"],
                       "evaluator": ["Nicole Scott (C03)"], "evaluator_drift_pts": [-1.915720720720742]})
    rows = _rows(exports.to_csv_bytes(df))
    assert rows == [["Evaluator", "Evaluator drift"], ["Nicole Scott (C03)", "-1.9"]]


def test_small_numbers_keep_three_digits_and_others_are_rounded():
    df = pd.DataFrame({"auc": [0.51812345], "z": [3.9674845334119393], "gap": [-2.7058823529411775]})
    assert _rows(exports.to_csv_bytes(df))[1] == ["0.518", "3.97", "-2.71"]


def test_raw_export_keeps_machine_columns_and_precision():
    df = pd.DataFrame({"agent_id": ["A1"], "aht_s": [474.1707317073171]})
    rows = _rows(exports.to_csv_bytes(df, raw=True))
    assert rows == [["agent_id", "aht_s"], ["A1", "474.1707317073171"]]


def test_formula_injection_is_neutralized_in_the_export_for_people():
    df = pd.DataFrame({"reason": ["=HYPERLINK(\"x\")", "-2"], "agents": [1, -3]})
    rows = _rows(exports.to_csv_bytes(df))
    assert rows[1][0] == "'=HYPERLINK(\"x\")" and rows[2] == ["'-2", "-3"]


def test_the_input_frame_is_not_changed():
    df = pd.DataFrame({"aht_s": [474.17], "agent_id": ["A1"], "agent_name": ["Ali"]})
    before = df.copy()
    exports.to_csv_bytes(df)
    pd.testing.assert_frame_equal(df, before)


def test_screen_labels_keep_id_and_name_apart_in_words():
    labels = exports.screen_labels(["agent_id", "name", "supervisor_id", "supervisor_name", "hold_count",
                                    "span_of_control", "manager_id"])
    assert labels == {"agent_id": "Agent ID", "name": "Agent", "supervisor_id": "Supervisor ID",
                      "supervisor_name": "Supervisor", "hold_count": "Hold count",
                      "span_of_control": "Span of control", "manager_id": "Manager ID"}


def test_screen_decimals():
    assert exports.screen_decimals("responses", pd.Series([400.0, 12.0])) == 0
    assert exports.screen_decimals("mean_score", pd.Series([77.69209039548022])) == 2
    assert exports.screen_decimals("wait_s", pd.Series([12.5])) == 0
    assert exports.screen_decimals("queue", pd.Series(["Billing"])) is None


def test_a_person_stands_where_their_first_column_stood_and_string_labels_count():
    df = pd.DataFrame({"name": ["Olivia Wright"], "rank_in_team": [1.0], "agent": ["A0008"], "label": ["Long hold"]})
    rows = _rows(exports.to_csv_bytes(df, {"label": "Flag"}))
    assert rows == [["Agent", "Rank in team", "Flag"], ["Olivia Wright (A0008)", "1", "Long hold"]]


def test_no_more_digits_than_the_values_have():
    assert exports.screen_decimals("adherence_30d", pd.Series([79.0, 82.7])) == 1
    assert exports.screen_decimals("mean_score", pd.Series([77.69209039548022])) == 2
