"""The filter object as one table, in the spirit of datasette's tests/test_filters.py: a URL's query
parameters → the Filters they give (with the notices the page shows) → the named parameters a query in
sql/queries is bound with. No database: the catalog is written by hand."""
from dataclasses import replace
from datetime import date

import pytest

from analytics.core import queries
from analytics.core.filters import Catalog, Filters

CAT = Catalog(first_day=date(2026, 1, 5), last_day=date(2026, 3, 31),   # 2026-03-31 is a Tuesday
              queues=("Billing", "支持"), sites=("Tehran", "Shanghai"), supervisors=("S1", "S2"),
              agents=("A1", "A2", "A3"), names={"A1": "Ali", "S1": "Sara"})
LAST_WEEK = (date(2026, 3, 23), date(2026, 3, 29))   # the default: last full Monday–Sunday week
NOTHING = dict(queues=[], sites=[], supervisors=[], agents=[])


def P(start, end, **dims):
    """The bound parameters a query that uses the whole selection gets."""
    return {"start": start, "end": end, **NOTHING, **dims}


TABLE = [
    # (URL query, bound parameters, one fragment of each notice the page shows, in order)
    ({}, P(*LAST_WEEK), []),
    ({"from": "2026-02-01", "to": "2026-02-28"}, P(date(2026, 2, 1), date(2026, 2, 28)), []),
    ({"period": "last_month"}, P(date(2026, 2, 1), date(2026, 2, 28)), []),
    ({"period": "yesterday"}, P(date(2026, 3, 31), date(2026, 3, 31)), []),
    ({"period": "last_7_days"}, P(date(2026, 3, 25), date(2026, 3, 31)), []),
    ({"period": "month_to_date"}, P(date(2026, 3, 1), date(2026, 3, 31)), []),
    ({"period": "quarter"}, P(date(2026, 1, 5), date(2026, 3, 31)), ["limited to the data"]),
    ({"period": "'; DROP TABLE calls"}, P(*LAST_WEEK), ["Unknown period"]),
    ({"from": "2026-03-10", "to": "2026-03-01"}, P(date(2026, 3, 1), date(2026, 3, 10)), ["swapped"]),
    ({"from": "not-a-date"}, P(*LAST_WEEK), ["could not be read"]),
    ({"from": "2025-12-01", "to": "2026-01-10"}, P(date(2026, 1, 5), date(2026, 1, 10)), ["limited to the data"]),
    ({"from": "2030-01-01", "to": "2030-01-31"}, P(*LAST_WEEK), ["no data"]),
    ({"queues": ["Billing"]}, P(*LAST_WEEK, queues=["Billing"]), []),
    ({"queues": "Billing,支持"}, P(*LAST_WEEK, queues=["Billing", "支持"]), []),          # comma-joined link
    ({"queues": ["Billing", "Billing"]}, P(*LAST_WEEK, queues=["Billing"]), []),      # repeated once
    ({"sites": ["Tehran", "Atlantis"]}, P(*LAST_WEEK, sites=["Tehran"]), ["unknown site value(s) 'Atlantis'"]),
    ({"supervisors": ["S2"], "agents": ["A3", "A1"]}, P(*LAST_WEEK, supervisors=["S2"], agents=["A3", "A1"]), []),
    ({"agents": ["A1' OR 1=1 --"]}, P(*LAST_WEEK), ["unknown agent"]),
    ({"agents": [f"A{i}" for i in range(600)]}, P(*LAST_WEEK, agents=["A1", "A2", "A3"]),
     ["Too many agents", "unknown agent"]),
    # the language is part of the view (it binds nothing)
    ({"lang": "fa"}, P(*LAST_WEEK), []),
    ({"lang": ["en", "zh"], "queues": ["支持"]}, P(*LAST_WEEK, queues=["支持"]), []),
    ({"lang": "klingon"}, P(*LAST_WEEK), ["Unknown language 'klingon'"]),
    # the calendar (cal=): the presets mean its weeks and months. 2026-03-31 is 11 Farvardin 1405.
    ({"cal": "persian"}, P(date(2026, 3, 21), date(2026, 3, 27)), []),                    # last Sat–Fri week
    ({"cal": "persian", "period": "month_to_date"}, P(date(2026, 3, 21), date(2026, 3, 31)), []),  # from Nowruz
    ({"cal": "persian", "period": "last_month"}, P(date(2026, 2, 20), date(2026, 3, 20)), []),    # Esfand 1404
    ({"cal": "persian", "from": "2026-02-20", "to": "2026-03-20", "grain": "month"},
     P(date(2026, 2, 20), date(2026, 3, 20)), []),                                        # a Jalali-month link
    ({"cal": "gregorian", "period": "last_month"}, P(date(2026, 2, 1), date(2026, 2, 28)), []),
    ({"cal": "julian"}, P(*LAST_WEEK), ["Unknown calendar"]),
    ({"cal": "persian'; DROP TABLE calls"}, P(*LAST_WEEK), ["Unknown calendar"]),
]


@pytest.mark.parametrize("url, lang", [({"lang": "fa"}, "fa"), ({"lang": ["fa", "zh"]}, "zh"), ({}, ""),
                                       ({"lang": "de"}, ""), ({"lang": "<script>"}, "")])
def test_the_language_of_a_link_round_trips(url, lang):
    f, _ = Filters.from_query(url, CAT)
    assert f.lang == lang
    assert f.to_query().get("lang") == (lang or None)
    assert Filters.from_query(f.to_query(), CAT)[0].lang == lang


@pytest.mark.parametrize("url, params, notices", TABLE, ids=[str(t[0])[:60] for t in TABLE])
def test_url_to_filters_to_bound_parameters(url, params, notices):
    f, said = Filters.from_query(url, CAT)
    assert queries.filter_params(f) == params
    assert len(said) == len(notices) and all(n in s for n, s in zip(notices, said)), said
    # the link the page writes back reads as the same view, with nothing to correct
    again, none = Filters.from_query(f.to_query(), CAT)
    assert again == f and none == []


@pytest.mark.parametrize("url, default, calendar", [
    ({"cal": "persian"}, "gregorian", "persian"),
    ({}, "gregorian", "gregorian"),
    ({}, "persian", "persian"),                         # the deployment's default (Settings)
    ({"cal": "gregorian"}, "persian", "gregorian"),     # a link keeps its sender's calendar
])
def test_the_calendar_round_trips_through_the_link(url, default, calendar):
    cat = replace(CAT, calendar=default)
    f, said = Filters.from_query(url, cat)
    assert f.calendar == calendar and said == []
    assert f.to_query()["cal"] == calendar
    again, none = Filters.from_query(f.to_query(), replace(CAT, calendar="gregorian" if default == "persian" else "persian"))
    assert again == f and none == []
    assert f.comparison().calendar == calendar


@pytest.mark.parametrize("url, grain, notice", [
    ({"from": "2026-03-01", "to": "2026-03-07"}, "day", None),
    ({"from": "2026-01-05", "to": "2026-03-31"}, "week", None),
    ({"from": "2026-03-01", "to": "2026-03-07", "grain": "hour"}, "hour", None),
    ({"from": "2026-01-05", "to": "2026-03-31", "grain": "hour"}, "day", "31 days"),
    ({"grain": "fortnight"}, "day", "Unknown grain"),
])
def test_grain_from_the_url(url, grain, notice):
    f, said = Filters.from_query(url, CAT)
    assert f.grain == grain
    assert (said == []) if notice is None else (notice in said[0])


@pytest.mark.parametrize("name, extra, bound", [
    # only the parameters a file names are bound; the filter supplies the selection
    ("organization_tenure", {}, {"end": date(2026, 3, 29), "sites": ["Tehran"], "supervisors": []}),
    ("service_longest_waits", {"limit": 5}, P(*LAST_WEEK, sites=["Tehran"]) | {"limit": 5}),
    ("agents_call_survey", {"call": "c1"}, {"call": "c1"}),
])
def test_a_query_binds_only_the_parameters_its_file_names(name, extra, bound):
    f, _ = Filters.from_query({"sites": "Tehran"}, CAT)
    assert queries.bound(queries.query(name, f, **extra)) == bound


def test_a_parameter_the_file_needs_but_nobody_gave_is_an_error():
    f, _ = Filters.from_query({}, CAT)
    with pytest.raises(ValueError, match="limit"):
        queries.bound(queries.query("service_longest_waits", f))
