"""Benchmarks: our KPIs for the period against their targets, the published industry figures and the
comparison period; teams against the center with 95% intervals; and how to tell a real difference."""
import streamlit as st

from analytics.benchmarks import comparison as bc
from analytics.benchmarks import bullets as bullet_charts, intervals as interval_charts
from analytics.core import registry, status
from analytics.ui import auth_gate, components, context, option_notices, page, state, targets_view
from analytics.core import units
from analytics.i18n import N_, _

# how to read the page, one markdown string of the catalog
IS_IT_REAL = N_("""A difference is worth acting on when it is larger than chance alone would produce.

- **Intervals.** Each 95% interval is the range of values the true rate could plausibly have, given how
  many calls (or evaluations) it rests on. Few calls make wide intervals; a team with 40 calls can land
  10 points from the center by luck alone.
- **Against the center.** A team whose whole interval lies on one side of the dashed line differs from the
  rest by more than chance explains. Overlapping the line means: not shown to differ — *not* "the same".
- **Many teams, many chances.** With 20 teams, about one will sit outside its interval by luck in any
  period. A team that stays outside for several periods in a row is a pattern; a single period is a prompt
  to look, not a verdict.
- **Against target.** When the target lies inside our interval, the gap to target could be noise in this
  period; look at a longer period before concluding.
- **Against industry.** Published figures come from other centers, other years and often other definitions
  (survey-based FCR against our behavioural FCR, for one). They tell you what is common, not what is good
  for your callers.
""")

COMPARISON_LABELS = {"previous": N_("Previous period"), "last_year": N_("Same period last year")}

f = page.filters()
components.header(_("Benchmarks"), f, caption=_("Against target, industry and the comparison period. Industry "
                                                  "figures are published context, not like-for-like measurements: "
                                                  "read each note."))

components.stop_if_no_calls(f)

ids = bc.kpis_with_benchmarks()
current, previous = context.kpi_values_pair(f, ids)  # the period and its comparison, read together
tgts = targets_view.targets_for(f)
summary = bc.summary(ids, current, previous, tgts, days=f.days)
cmp_label = _(COMPARISON_LABELS.get(f.compare, N_("Comparison")))

st.subheader(_("Against target and industry"))
st.caption(_("Bar: our value in the status colours (blue on target, orange near, vermillion off target, dark grey "
             "without a target status; the words are beside each chart) · black tick: target · grey band: range of "
             "published industry figures · diamond: {comparison}.").format(comparison=cmp_label.lower()))
by_kpi = {r["kpi_id"]: r for r in summary.to_dict("records")}
for kid in ids:
    k = registry.get(kid)
    row = by_kpi[kid]
    rows = bullet_charts.bullet_rows(
        k, row["value"], row["target"], (row["industry_low"], row["industry_high"]), row["previous"],
        comparison_label=cmp_label, status=row["target_status"], band_label=_("Industry range"))
    chart_col, text_col = st.columns([3, 2], vertical_alignment="center")
    with chart_col:
        st.markdown(f"**{k.label}**")
        if not rows:
            st.caption(_("No value, target or published figure for this period."))
        else:
            components.vega_chart(bullet_charts.bullet_spec(rows, k), lambda rows=rows: bullet_charts.frame(rows),
                                  f"bullet_{kid}", key=f"bm_bullet_{kid}")
    with text_col:
        # our own sentences (labels and numbers), no text from imported data
        st.markdown(_("**Target.** {text}").format(text=row["vs_target_text"]))
        st.markdown(_("**Industry.** {text}").format(text=row["vs_industry_text"]))

summary["target_status"] = [status.label(s) if isinstance(s, str) else "" for s in summary["target_status"]]
shown = summary.drop(columns=["kpi_id"]).rename(columns={
    "kpi": _("KPI"), "value": _("Ours"), "ci_low": _("95% low"), "ci_high": _("95% high"), "previous": cmp_label,
    "target": _("Target"), "target_status": _("Status"), "industry_low": _("Industry low"),
    "industry_high": _("Industry high"), "vs_target": _("Ours − target"), "vs_target_text": _("Against target"),
    "vs_industry_text": _("Against industry"), "sources": _("Published figures")})
with st.expander(_("All of the above as a table")):
    components.table(shown, "benchmarks_summary", key="bm_summary")

st.subheader(_("Published industry figures"))
st.caption(_("Each figure with its publisher, year and what was measured. Definitions differ from ours "
             "(see the note): treat the band as context."))
library = bc.benchmark_table()
components.table(
    library, "industry_benchmarks", key="bm_sources",
    column_config={
        "kpi": st.column_config.TextColumn(_("KPI")),
        "figure": st.column_config.TextColumn(_("Figure")),
        "kpi_id": None, "value": None, "low": None, "high": None,
        "percentile": None if library["percentile"].isna().all() else st.column_config.NumberColumn(_("Percentile")),
        "industry": _("Industry"), "segment": _("Segment"), "channel": _("Channel"), "region": _("Region"),
        "publisher": _("Publisher"), "title": _("Title"),
        "year": st.column_config.NumberColumn(_("Year"), format="%d"),
        "url": st.column_config.LinkColumn(_("Source"), display_text=_("open")),
        "note": st.column_config.TextColumn(_("Note"), width="large"),
    })

st.subheader(_("Team vs team"))
team_kpis = [kid for kid, k in registry.KPIS.items() if k.has_stats and k.source in ("calls", "evaluations")]
seen = option_notices.count()
left, right = st.columns([2, 3])
with left:
    kid = state.choice("bm_kpi", team_kpis, "fcr_pct", _("KPI"),
                       format_func=lambda i: registry.get(i).label)
with right:
    groups = [g for g in ("supervisor", "site", "queue") if auth_gate.scope().allows_group(g)]
    by = state.choice("bm_by", groups, groups[0], _("Teams by"),
                      widget=st.segmented_control, format_func=lambda g: _(bc.GROUP_WORDS[g][0]))
option_notices.show_since(seen)
k = registry.get(kid)
by_team = context.kpi_frame(f, [kid], by=by, with_stats=True)  # team_intervals leaves out the row without a team
center = context.kpi_values(bc.teams_only(f, by, by_team), [kid]).get(kid)
teams = bc.team_intervals(by_team, k, by, center)
if teams.empty:
    st.info(_("No {kpi} values by {group} in this selection.").format(kpi=k.label.lower(),
                                                                      group=_(bc.GROUP_WORDS[by][0]).lower()))
else:
    left_out = bc.unassigned_n(by_team, k, by)
    group, groups_word = _(bc.GROUP_WORDS[by][0]).lower(), _(bc.GROUP_WORDS[by][1])
    st.caption(_("Each point is a {group}'s {kpi} with its 95% interval ({method}); the dashed line is the center: "
                 "the value over all {groups} shown ({center}).").format(
        group=group, kpi=k.label.lower(), groups=groups_word, center=k.format(center),
        method=_("Wilson score interval") if k.kind == "rate" else _("t interval"))
        + (" " + _("{n} calls or evaluations with no {group} (e.g. abandoned before reaching an agent) are left out "
                   "of both.").format(n=units.number(left_out, 0), group=group) if left_out else ""))
    components.chart(interval_charts.team_intervals(teams, k, center), teams, f"{kid}_by_{by}_intervals",
                     key="bm_teams")
    counts = teams["verdict"].value_counts()
    st.caption(_("{above} above the center, {below} below, {noise} within the noise, of {n} {groups}.").format(
        above=units.number(counts.get("above center", 0), 0), below=units.number(counts.get("below center", 0), 0),
        noise=units.number(counts.get("within noise", 0), 0), n=units.number(len(teams), 0),
        groups=_(bc.GROUP_WORDS[by][1])))

st.subheader(_("Is it real?"))
st.markdown(_(IS_IT_REAL))
