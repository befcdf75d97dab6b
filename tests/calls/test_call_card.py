"""The call card's words and timeline from one call row (known answers), and the heatmap cell ↔ slot
mapping the Service page keeps in the URL."""
import pandas as pd

from analytics.calls import card
from analytics.core import units
from analytics.service import data as service

ROW = {"call_id": "C1", "arrived_at": pd.Timestamp("2026-10-13 09:14:05"), "queue": "Billing",
       "caller": "caller #1a2b3c4d", "outcome": "answered", "agent_id": "A7", "agent_name": "Mina Karimi",
       "supervisor_id": "S1", "supervisor_name": "Ava Gagnon", "wait_s": 12.0, "talk_s": 300.0, "hold_s": 65.0,
       "hold_count": 2, "acw_s": 30.0, "handle_s": 395.0, "dead_air_s": 0.0, "transferred": True, "legs": 3,
       "reason": "Billing dispute", "resolved": False, "repeated_within_window": True,
       "hours_since_callers_previous_call": 50.0}


def test_header_says_when_where_who_and_what_happened():
    h = card.header(ROW)
    assert h.title == "Tue 13 Oct 2026, 09:14 · Billing"
    assert h.outcome == "Answered after 12 s in the queue"
    assert h.agent == "Mina Karimi (A7)" and h.team == "Ava Gagnon (S1)"


def test_an_abandoned_call_has_no_agent():
    h = card.header(ROW | {"outcome": "abandoned", "agent_id": None, "agent_name": None, "wait_s": 95.0})
    assert h.outcome == "Abandoned: the caller hung up after 1 min 35 s in the queue" and h.agent is None


def test_timeline_runs_wait_talk_hold_acw_back_to_back():
    t = card.timeline(ROW)
    assert t["part"].tolist() == ["Wait", "Talk", "Hold", "After-call work"]
    assert t["start_s"].tolist() == [0, 12, 312, 377] and t["end_s"].tolist() == [12, 312, 377, 407]
    assert t["duration"].tolist() == ["12 s", "5 min 00 s", "1 min 05 s", "30 s"]
    # a part not recorded (or zero) is left out, not drawn as nothing
    assert card.timeline(ROW | {"hold_s": None, "acw_s": 0})["part"].tolist() == ["Wait", "Talk"]


def test_words_for_transfers_repeat_and_survey():
    words = " ".join(card.handling_words(ROW))
    assert "Handle time 6 min 35 s" in words and "on hold 2 times" in words and "3 legs" in words
    res = card.resolution_words(ROW, 168)
    assert res[0] == "Marked unresolved by the agent."
    assert "within 7 days: a repeat call" in res[1] and "2 d 2 h earlier" in res[2]
    assert "resolved at first contact" in card.resolution_words(ROW | {"repeated_within_window": False})[1]
    unknown = card.resolution_words(ROW | {"repeated_within_window": None, "caller": "unknown caller"})[1]
    assert "not identified" in unknown
    survey = pd.DataFrame({"call_id": ["C1"], "csat": [2], "nps": [9], "answered_at": [pd.Timestamp("2026-10-13 10:00")]})
    assert card.survey_words(survey)[:2] == ["Satisfaction (CSAT) 2 of 5: dissatisfied.",
                                             "Would recommend (NPS question) 9 of 10: a promoter."]
    assert card.survey_words(survey.iloc[:0]) == []


def test_evaluations_human_first_with_their_criteria():
    evals = pd.DataFrame({"evaluation_id": ["E2", "E1"], "evaluated_at": pd.to_datetime(["2026-10-13", "2026-10-14"]),
                          "kind": ["auto", "human"], "score": [82.0, 70.0], "evaluator_id": ["AUTO", "Q1"],
                          "evaluator_name": [None, "Lena Ho"], "items": [None, None]})
    items = pd.DataFrame({"evaluation_id": ["E1", "E1"], "criterion": ["greeting", "hold_etiquette"],
                          "score": [100.0, 40.0]})
    out = card.evaluations(evals, items)
    assert [e["title"] for e in out] == ["Evaluated by Lena Ho (Q1) · 14 Oct 2026", "Automated check · 13 Oct 2026"]
    assert out[0]["criteria"]["criterion"].tolist() == ["Greeting", "Hold etiquette"]
    assert out[1]["criteria"].empty


def test_durations_in_readable_units():
    assert [units.duration_s(v) for v in (0, 59.6, 61, 3599, 3725)] == ["0 s", "1 min 00 s", "1 min 01 s",
                                                                     "59 min 59 s", "1 h 02 min"]
    assert units.duration_s(None) == "—"


def test_slots_round_trip_between_cells_and_links():
    assert service.slot_of_point({"weekday": "Tue", "hour": 10}) == "Tue-10"
    assert service.slot_of_point({"weekday": 7, "hour": 23.0}) == "Sun-23"
    assert service.slot_of_point({"weekday": "Xyz", "hour": 1}) is None
    assert service.slot_of_point({}) is None
    assert service.slot_parts("Tue-10") == (2, 10) and service.slot_cell("Tue-10") == ("Tue", 10)
    assert service.slot_cell("Tue-99") is None and service.slot_cell(None) is None
    assert service.slot_label("Sun-07") == "Sundays 07:00–07:59"
