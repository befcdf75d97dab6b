"""The mapping assistant's spec → SQL: each transformation on real values, through the real importer."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analytics.importer import import_file, preview
from analytics.importer.assistant import Pick, Spec, SpecError, missing_required, to_sql

REPO = Path(__file__).resolve().parents[2]
ACD = REPO / "sample_data" / "acd_export"


def one_value(tmp_path: Path, column: str, pick: Pick, values: list[str], extra: dict | None = None) -> list:
    """Map `values` (a file column "v", plus columns of `extra`) onto calls.`column`; the previewed values."""
    path = tmp_path / "f.csv"
    extra = extra or {}
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["v", *extra])
        for i, v in enumerate(values):
            w.writerow([v, *(col[i] for col in extra.values())])
    table = "agents" if column in ("hired_on", "left_on") else "calls"
    sql = to_sql(Spec(table, {column: pick}))
    return list(preview(path, sql, limit=len(values))[column])


CASES = [
    # (column, pick, file values, mapped values)
    ("call_id", Pick("v"), ["C1", " C2"], ["C1", " C2"]),
    ("outcome", Pick("v", "lower"), ["ANSWERED", " Abandoned "], ["answered", "abandoned"]),
    ("wait_s", Pick("v", "number"), ["12", "1.5", "x"], ["12.0", "1.5", "x (not a number)"]),
    ("wait_s", Pick("v", "seconds"), ["12", ""], ["12.0", None]),
    ("talk_s", Pick("v", "ms"), ["1500", "0"], ["1.5", "0.0"]),
    ("talk_s", Pick("v", "mmss"), ["01:05", "120:00", "5", "1:2:3"],
     ["65", "7200", "5 (not mm:ss)", "1:2:3 (not mm:ss)"]),
    ("talk_s", Pick("v", "hhmmss"), ["01:00:05", "00:02:00", "2:00"], ["3605", "120", "2:00 (not hh:mm:ss)"]),
    ("hold_s", Pick("v", "seconds", zero_unknown=True), ["0", "7"], [None, "7.0"]),
    ("hold_s", Pick("v", "mmss", zero_unknown=True), ["00:00", "00:07"], [None, "7"]),
    ("agent_id", Pick("v", zero_unknown=True), ["0", "A1"], [None, "A1"]),
    ("arrived_at", Pick("v", "datetime", fmt="dd/mm/yyyy hh:mm:ss"), ["01/04/2024 08:14:13", "31/04/2024 08:00:00"],
     ["2024-04-01 08:14:13", "31/04/2024 08:00:00 (not dd/mm/yyyy hh:mm:ss)"]),
    ("arrived_at", Pick("v", "datetime", fmt="mm/dd/yyyy hh:mm"), ["04/13/2024 08:14"], ["2024-04-13 08:14:00"]),
    ("arrived_at", Pick("v", "datetime", fmt="ISO 8601 (2024-04-01T08:14:13Z)"),
     ["2024-04-01T08:14:13Z", "2024-04-01T08:14:13.250Z"], ["2024-04-01 08:14:13", "2024-04-01 08:14:13.25"]),
    ("arrived_at", Pick("v", "date_time", fmt="dd.mm.yyyy hh:mm:ss", source2="t"), ["02.04.2024"],
     ["2024-04-02 09:30:00"]),
    ("hired_on", Pick("v", "date", fmt="dd/mm/yyyy"), ["15/09/2020", "2020-09-15"],
     ["2020-09-15", "2020-09-15 (not dd/mm/yyyy)"]),
    ("outcome", Pick("v", "map", values="ANSWERED=answered; ABAN=abandoned"), ["ANSWERED", "ABAN", "OTHER"],
     ["answered", "abandoned", "OTHER"]),
    ("transferred", Pick("v", "yesno"), ["Y", "n", "yes", "maybe"], ["true", "false", "true", "maybe"]),
    ("outcome", Pick("v", "filled", values="answered; abandoned"), ["ann", "", " "], ["answered", "abandoned", "abandoned"]),
    ("talk_s", Pick("v", "seconds", empty_zero=True), ["", "7"], ["0.0", "7.0"]),
    ("call_id", Pick("v", fallback="t"), ["", "I1"], ["09:30:00", "I1"]),
    ("queue", Pick(transform="constant", values="O'Brien queue"), ["x"], ["O'Brien queue"]),
    ('reason', Pick('v"q'), ["r"], ["r"]),
]


@pytest.mark.parametrize("column,pick,values,expected", CASES, ids=[f"{c[0]}-{c[1].transform}-{i}" for i, c in enumerate(CASES)])
def test_transformation(tmp_path, column, pick, values, expected):
    extra = {"t": ["09:30:00"] * len(values)} if pick.source2 or pick.fallback else None
    if pick.source == 'v"q':  # a column name holding a double quote is quoted, not broken
        path = tmp_path / "q.csv"
        path.write_text('"v""q"\nr\n', encoding="utf-8")
        assert list(preview(path, to_sql(Spec("calls", {column: pick})))[column]) == expected
        return
    got = [None if v is None or v != v else str(v) for v in one_value(tmp_path, column, pick, values, extra)]
    assert got == expected


def test_missing_required_and_bad_specs():
    spec = Spec("calls", {"call_id": Pick("Call ID"), "queue": Pick(transform="constant", values="main")})
    assert missing_required(spec) == ["arrived_at", "outcome", "talk_s"]
    with pytest.raises(SpecError, match="no column"):
        to_sql(Spec("calls", {"nope": Pick("x")}))
    with pytest.raises(SpecError, match="date format"):
        to_sql(Spec("agents", {"hired_on": Pick("x", "date", fmt="yyyymmdd")}))
    with pytest.raises(SpecError, match="FROM=to"):
        to_sql(Spec("calls", {"outcome": Pick("x", "map", values="ANSWERED")}))
    with pytest.raises(SpecError, match="time of day"):
        to_sql(Spec("calls", {"arrived_at": Pick("d", "date_time", fmt="dd/mm/yyyy hh:mm")}))


ACD_SPEC = Spec("calls", {
    "call_id": Pick("Call ID"),
    "arrived_at": Pick("Start Time", "datetime", fmt="dd/mm/yyyy hh:mm:ss"),
    "queue": Pick("Skill"),
    "caller_id": Pick("ANI"),
    "wait_s": Pick("Queue Time", "mmss"),
    "outcome": Pick("Disposition", "map", values="ANSWERED=answered; ABANDONED=abandoned"),
    "agent_id": Pick("Agent Login"),
    "talk_s": Pick("Talk Time", "mmss"),
    "hold_s": Pick("Hold Time", "mmss"),
    "acw_s": Pick("Wrap Time", "mmss"),
    "transferred": Pick("Transferred", "yesno"),
    "reason": Pick("Contact Reason"),
})


def test_assistant_sql_maps_the_sample_export_like_the_hand_written_mapping(tmp_path):
    """The generated SQL imports the bundled export exactly as the hand-written calls_mapping.sql does."""
    hand = (ACD / "calls_mapping.sql").read_text(encoding="utf-8")
    results = {}
    for name, sql in (("hand", hand), ("assistant", to_sql(ACD_SPEC))):
        db = tmp_path / f"{name}.duckdb"
        assert import_file(db, "agents", ACD / "agents.csv", (ACD / "agents_mapping.sql").read_text("utf-8")).ok
        assert import_file(db, "calls", ACD / "calls.csv", sql).status == "imported"
        import duckdb
        with duckdb.connect(str(db), read_only=True) as con:
            results[name] = con.execute("SELECT * EXCLUDE (caller_id) FROM calls ORDER BY call_id").fetchall()
    assert len(results["hand"]) == 600
    assert results["assistant"] == results["hand"]


def test_bad_value_is_rejected_with_row_and_column(tmp_path):
    rows = (ACD / "calls.csv").read_text(encoding="utf-8-sig").splitlines()
    rows[3] = rows[3].replace("00:00;", "0:xx;", 1)  # a hold time that is not mm:ss, file row 4
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = import_file(tmp_path / "w.duckdb", "calls", bad, to_sql(ACD_SPEC), dry_run=True,
                         create_missing_agents=True)
    assert result.status == "dry-run-rejected"
    assert (4, "hold_s", "not_a_number") in [(r, c, why) for r, c, why, _ in result.examples]
    assert not (tmp_path / "w.duckdb").exists()


def test_a_file_column_named_as_the_contract_maps_itself():
    from analytics.ui.mapping_assistant import same_name

    cols = ["Call ID", "Start Time", "queue", "WAIT-S", "Agent.Username"]
    assert same_name("call_id", cols) == "Call ID"
    assert same_name("queue", cols) == "queue"
    assert same_name("wait_s", cols) == "WAIT-S"
    assert same_name("arrived_at", cols) is None and same_name("agent_id", cols) is None
