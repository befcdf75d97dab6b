"""The status language: status against target (met / near / missed), changes coloured only when
significant, diverging scales centred on the target, words and icons beside every colour."""
import pandas as pd
import pytest

from analytics.core import registry, status, units


@pytest.mark.parametrize("kpi,value,target,expected", [
    ("service_level_pct", 80.0, 80.0, "met"),
    ("service_level_pct", 79.0, 80.0, "near"),       # within 2 pts on the wrong side
    ("service_level_pct", 77.3, 80.0, "missed"),
    ("abandon_rate_pct", 13.6, 5.0, "missed"),       # the demo's abandonment: clearly off target
    ("abandon_rate_pct", 5.4, 5.0, "near"),          # within 10% of a 5% target
    ("abandon_rate_pct", 5.6, 5.0, "missed"),
    ("abandon_rate_pct", 2.0, 5.0, "met"),
    ("asa_s", 20.4, 20.0, "near"),
    ("asa_s", 35.0, 20.0, "missed"),
    ("offered", 100.0, 50.0, None),                  # no direction: no status
    ("service_level_pct", None, 80.0, None),          # undefined: no status
    ("service_level_pct", 70.0, None, None),          # no target: no status
])
def test_status_against_target(kpi, value, target, expected):
    assert status.of(kpi, value, target) == expected


@pytest.mark.parametrize("kpi,delta,sig,word", [
    ("asa_s", 0.0, False, ""),              # "+0 s" is not a change
    ("asa_s", 0.4, False, "n.s."),          # not significant: grey, says n.s.
    ("asa_s", 4.0, True, "Worse"),          # lower is better: a significant rise is worse
    ("service_level_pct", 3.0, True, "Better"),
    ("offered", 166.0, True, ""),           # neutral KPI: never coloured
    ("aht_s", -4.0, None, ""),              # untested: neutral and silent
])
def test_change_is_coloured_only_when_significant(kpi, delta, sig, word):
    look = status.change(registry.get(kpi), delta, sig)
    assert look.word == word
    assert (look.name == "gray") == (word not in ("Better", "Worse"))


def test_every_status_has_a_word_and_an_icon_and_colour_blind_safe_hues():
    for s in (status.MET, status.NEAR, status.MISSED):
        lk = status.look(s)
        assert lk.word and lk.icon and lk.material
    # the Okabe–Ito hues, none of them the red/green pair
    assert {status.look(s).hex for s in (status.MET, status.NEAR, status.MISSED)} == {
        "#0072B2", "#E69F00", "#D55E00"}
    assert "n.s." in status.change_text(registry.get("asa_s"), 0.4, False)


def test_diverging_scale_is_centred_on_the_target_with_bad_side_vermillion():
    sl = registry.get("service_level_pct")
    scale = status.diverging_scale(sl, 80.0, [10, 50, 98])
    assert scale["domain"][1] == 80.0 and scale["range"][1] == status.LIGHT
    assert scale["range"][0] == status.VERMILLION          # below an 80% SL target is bad
    ab = registry.get("abandon_rate_pct")
    assert status.diverging_scale(ab, 5.0, [1, 20])["range"][2] == status.VERMILLION   # above 5% is bad


def test_status_table_marks_cells_by_each_rows_target():
    df = pd.DataFrame({"queue": ["A", "B"], "service_level_pct": [82.0, 82.0]})
    styler = status.style_kpi_table(df, [{"service_level_pct": 80.0}, {"service_level_pct": 90.0}],
                                    ["service_level_pct"])
    html = styler.to_html()
    assert "82.0% ✔" in html and "82.0% ✖" in html       # same value, different targets, never colour alone


def test_a_seconds_column_keeps_one_unit():
    """A queue whose handle time passes 10 minutes reads in m:ss like every other row of its column,
    not "10:10 min" above "401 s" (with or without a status icon)."""
    df = pd.DataFrame({"queue": ["A", "B", "C"], "aht_s": [610.0, 401.0, None]})
    html = status.style_kpi_table(df, [{"aht_s": 480.0}, {}, {}], ["aht_s"]).to_html()
    assert "10:10 min" in html and "6:41 min" in html and "401 s" not in html
    short = status.style_kpi_table(df.assign(aht_s=[59.0, 401.0, None]), {}, ["aht_s"]).to_html()
    assert "59 s" in short and "401 s" in short


def test_unstable_annualized_rate_over_a_week():
    k = registry.get("attrition_rate_pct")
    assert status.unstable(k, 7) and not status.unstable(k, 92)
    assert not status.unstable(registry.get("service_level_pct"), 7)


@pytest.mark.parametrize("hours,text", [(266.8, "11 d 3 h"), (5.5, "5.5 h"), (0.5, "30 min"), (48.0, "2 d")])
def test_long_durations_read_in_days_and_hours(hours, text):
    assert units.format_value(hours, "h") == text


def test_heatmap_is_centred_on_the_target():
    from analytics.core import charts

    df = pd.DataFrame({"weekday": ["Mon", "Tue"], "hour": [9, 10], "service_level_pct": [60.0, 95.0]})
    spec = charts.heatmap(df, registry.get("service_level_pct"), target=80.0).to_dict()
    scale = spec["encoding"]["color"]["scale"]
    assert scale["domain"][1] == 80.0 and scale["range"] == [status.VERMILLION, status.LIGHT, status.BLUE]
