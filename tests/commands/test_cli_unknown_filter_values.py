"""A mistyped --queue/--site/--supervisor/--agent is named in a note and left out, by the rule the app
reads a link's values with (filters.known_values); when every value given is unknown the note says the
filter was dropped, so `offered 0` is never printed for a queue that does not exist."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from analytics.core import warehouse
from analytics.core.filters import Filters, known_values, load_catalog
from warehouse_builder import build

ROOT = Path(__file__).resolve().parents[2]
DIM_FLAGS = {"queues": "--queue", "sites": "--site", "supervisors": "--supervisor", "agents": "--agent"}
KNOWN = {"queues": "Billing", "sites": "North", "supervisors": "S1", "agents": "A1"}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    agents = [dict(agent_id="S1", name="Sara", role="supervisor", site="North", hired_on="2020-01-01"),
              dict(agent_id="S2", name="Reza", role="supervisor", site="South", hired_on="2020-01-01"),
              dict(agent_id="A1", name="Ali", role="agent", supervisor_id="S1", site="North", hired_on="2025-01-01"),
              dict(agent_id="A2", name="Mina", role="agent", supervisor_id="S2", site="South", hired_on="2025-01-01")]
    calls = []
    for day in range(9, 16):   # ISO week 2026-W46
        for i, (queue, agent) in enumerate([("Billing", "A1")] * 3 + [("Support", "A2")] * 5):
            calls.append(dict(call_id=f"c{day}-{i}", arrived_at=f"2026-11-{day:02d} 10:{i:02d}", queue=queue,
                              caller_id=f"p{day}-{i}", wait_s=10, outcome="answered", agent_id=agent, talk_s=120))
    return build(tmp_path_factory.mktemp("unknown") / "w.duckdb", agents=agents, calls=calls)


def cli(db, command, *args):
    res = subprocess.run([sys.executable, "-m", "analytics", command, "--db", str(db), *args], cwd=ROOT,
                         capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert res.returncode == 0 and "Traceback" not in res.stderr, res.stderr
    return res


def kpis(db, *args):
    res = cli(db, "kpis", "--period", "2026-W46", "--kpi", "answered", "--format", "json", *args)
    return json.loads(res.stdout)["answered"], [line for line in res.stderr.splitlines() if line.strip()]


@pytest.mark.parametrize("dim", list(DIM_FLAGS))
def test_an_unknown_value_alone_is_named_and_the_filter_dropped(db, dim):
    everything, quiet = kpis(db)
    answered, notes = kpis(db, DIM_FLAGS[dim], "NoSuchValue")
    assert answered == everything == 56 and not quiet
    assert len(notes) == 1 and notes[0].startswith("note: ignored unknown"), notes
    assert "'NoSuchValue'" in notes[0] and f"{DIM_FLAGS[dim]} was dropped" in notes[0], notes


@pytest.mark.parametrize("dim", list(DIM_FLAGS))
def test_an_unknown_value_beside_a_known_one_is_ignored(db, dim):
    alone, _ = kpis(db, DIM_FLAGS[dim], KNOWN[dim])
    answered, notes = kpis(db, DIM_FLAGS[dim], "Nope", DIM_FLAGS[dim], KNOWN[dim])
    assert answered == alone == 21   # the known value's figures, the typo left out
    assert len(notes) == 1 and "'Nope'" in notes[0] and "(not in this warehouse)" in notes[0], notes
    assert "dropped" not in notes[0]


def test_the_cli_and_a_link_apply_the_same_rule(db):
    asked = {"queues": ["support", "Support", "Nope"], "sites": ["North "], "supervisors": ["A1", "S2"],
             "agents": ["S1", "A2", "A2"]}
    with warehouse.read_connection(db) as con:
        catalog = load_catalog(con)
    from_link, link_notes = Filters.from_query({"period": "custom", "from": "2026-11-09", "to": "2026-11-15",
                                                **asked}, catalog)
    args = [a for dim, values in asked.items() for v in values for a in (DIM_FLAGS[dim], v)]
    res = cli(db, "kpis", "--period", "2026-W46", "--kpi", "answered", "--by", "agent", "--format", "json", *args)
    notes = [line for line in res.stderr.splitlines() if line.startswith("note: ignored unknown")]
    for dim, values in asked.items():
        kept, unknown = known_values(catalog, dim, values)
        assert kept == getattr(from_link, dim)
        assert any(all(repr(v) in n for v in unknown) for n in notes) if unknown else True
    # case and spaces matter in both; a supervisor is no agent and an agent no supervisor
    assert len(notes) == 4 and len(link_notes) == 4, (notes, link_notes)
    assert [r["agent"] for r in json.loads(res.stdout)] == ["A2"]


def test_staffing_names_an_unknown_queue(db):
    everything = cli(db, "staffing", "--from", "2026-11-10", "--to", "2026-11-10", "--format", "csv")
    res = cli(db, "staffing", "--from", "2026-11-10", "--to", "2026-11-10", "--queue", "Nope", "--format", "csv")
    assert res.stdout == everything.stdout
    assert "'Nope'" in res.stderr and "--queue was dropped" in res.stderr
    mixed = cli(db, "staffing", "--from", "2026-11-10", "--to", "2026-11-10", "--queue", "Nope", "--queue",
                "Billing", "--format", "csv")
    assert {line.split(",")[1] for line in mixed.stdout.splitlines()[1:]} == {"Billing"}
    assert "'Nope'" in mixed.stderr and "dropped" not in mixed.stderr


def test_a_persian_note_keeps_the_flag_and_the_value(db):
    res = cli(db, "kpis", "--period", "2026-W46", "--kpi", "answered", "--queue", "Nope", "--lang", "fa")
    assert "--queue" in res.stderr and "Nope" in res.stderr and "ignored unknown" not in res.stderr


def test_targets_refuse_an_unknown_queue_or_site_when_listing_as_when_setting(db):
    """targets list --queue Q follows set's rule (targets.check_scope): a typo lists nothing as Q's."""
    for action in (("list",), ("set", "--value", "85")):
        res = subprocess.run([sys.executable, "-m", "analytics", "targets", *action, "--db", str(db),
                              "--kpi", "service_level_pct", "--queue", "Biling"], cwd=ROOT, capture_output=True,
                             text=True, encoding="utf-8", timeout=300)
        assert res.returncode == 2 and res.stdout == "", (action, res.stdout)
        assert "Unknown queue 'Biling'. Known queues: Billing, Support." in res.stderr, (action, res.stderr)
    site = subprocess.run([sys.executable, "-m", "analytics", "targets", "list", "--db", str(db), "--site", "Nowhere"],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert site.returncode == 2 and "Unknown site 'Nowhere'" in site.stderr
    assert cli(db, "targets", "list", "--queue", "Billing", "--site", "North").stdout
