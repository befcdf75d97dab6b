"""Settings (admin): KPI targets per KPI and scope with their change history, and the KPI thresholds
(changing one rebuilds the marts in the same transaction)."""
import streamlit as st

from analytics.core import registry
from analytics.core import targets, thresholds, warehouse
from analytics.ui import auth_gate, calendar_settings, components, context, language, option_notices, page, state, targets_view, user
from analytics.core import units
from analytics.i18n import N_, _
from analytics.ui.markdown import escape as md

ALL = "*"

RESULT = "settings_result"  # (section, kind, message) of the last save, shown once under its button
# a threshold's unit as a word in the number box's label
UNIT_WORDS = {"s": N_("seconds"), "h": N_("hours"), "days": N_("days"), "score": N_("score")}
BETTER = {"higher": N_("higher is better"), "lower": N_("lower is better")}
# the KPI units' words (units.Unit.word) a target's label names, for the catalog
UNIT_WORD_MSGIDS = (N_("seconds"), N_("hours"), N_("count"), N_("points"), N_("NPS points"), N_("ratio"))


def save_target(kid: str, queue, site, value_key: str | None) -> None:
    """Button callback (runs before the rerun, so the outcome survives it)."""
    if not auth_gate.role().admin:  # the menu hides this page from other roles; a stale session may not
        st.session_state[RESULT] = ("targets", "error", _("Only an admin can change targets."))
        return
    k = registry.get(kid)
    scope = targets.scope_label(queue, site)
    who = user.current_user()
    value = None if value_key is None else st.session_state.get(value_key)
    try:
        written = targets.save(context.db_path(), [targets.Change(kid, value, queue, site)], who)
    except (targets.TargetError, warehouse.WarehouseError) as exc:
        st.session_state[RESULT] = ("targets", "error", str(exc))
        return
    if not written:
        st.session_state[RESULT] = ("targets", "info", _("{kpi} for the {scope} is unchanged: nothing was saved.").format(
            kpi=k.label, scope=scope))
    elif value is None:
        st.session_state[RESULT] = ("targets", "success", _("Removed the own target of the {scope} for {kpi} "
                                                            "(recorded as changed by {who}).").format(
            scope=scope, kpi=k.label, who=who))
    else:
        old = written[0]["old_value"]
        st.session_state[RESULT] = ("targets", "success", _("Saved: {kpi} target for the {scope} {old} → {new}, by "
                                                            "{who}. Every page uses it from now on.").format(
            kpi=k.label, scope=scope, old=k.format(old) if old is not None else _("(none of its own)"),
            new=k.format(value), who=who))


def save_thresholds() -> None:
    if not auth_gate.role().admin:
        st.session_state[RESULT] = ("thresholds", "error", _("Only an admin can change thresholds."))
        return
    asked = {key: st.session_state.get(f"thr_{key}") for key in thresholds.THRESHOLDS}
    who = user.current_user()
    try:
        written = thresholds.save(context.db_path(), asked, who)
    except (thresholds.ThresholdError, warehouse.WarehouseError) as exc:
        st.session_state[RESULT] = ("thresholds", "error", str(exc))
        return
    if written:
        changes = _("; ").join(_("{setting} {old} → {new}").format(
            setting=_(thresholds.THRESHOLDS[w['key']].label), old=units.digits(f"{w['old_value']:g}"),
            new=units.digits(f"{w['new_value']:g}")) for w in written)
        st.session_state[RESULT] = ("thresholds", "success", _("Saved by {who}: {changes}. Every view was recalculated "
                                                               "in the same transaction: every KPI now uses the new "
                                                               "thresholds.").format(who=who, changes=changes))
    else:
        st.session_state[RESULT] = ("thresholds", "info", _("No threshold changed: nothing was saved or recalculated."))


def show_result(section: str) -> None:
    result = st.session_state.get(RESULT)
    if result and result[0] == section:
        st.session_state.pop(RESULT)
        {"success": st.success, "info": st.info, "error": st.error}[result[1]](result[2])


f = page.filters()
components.header(_("Settings"), f, caption=_("Changes apply to everyone using this warehouse and are logged "
                                              "with who made them and when."))
user.name_input()
cat = context.catalog()

# --- targets ----------------------------------------------------------------------------------------
st.subheader(_("KPI targets"))
st.caption(_("A target applies to the whole center, one queue, one site, or one queue at one site. Pages "
             "filtered to exactly one queue (or site) use its target; otherwise the center's. A KPI without "
             "a target of its own uses a common standard (e.g. 80% of calls answered in 20 s)."))
seen = option_notices.count()
c1, c2, c3 = st.columns(3)
with c1:
    kid = state.choice("set_kpi", targets.settable(), "service_level_pct", _("KPI"),
                       format_func=lambda i: registry.get(i).label)
with c2:
    queue = state.choice("set_queue", [ALL, *cat.queues], ALL, _("Queue"),
                         format_func=lambda q: _("All queues") if q == ALL else q)
with c3:
    site = state.choice("set_site", [ALL, *cat.sites], ALL, _("Site"),
                        format_func=lambda s: _("All sites") if s == ALL else s)
option_notices.show_since(seen)
queue, site = (None if queue == ALL else queue), (None if site == ALL else site)
scope = targets.scope_label(queue, site)

k = registry.get(kid)
row = targets_view.scope_table(queue, site).set_index("kpi_id").loc[kid]
low, high = k.display.bounds
in_force = row["in_force"]
unit = _(k.display.word)
better = _(BETTER.get(row["better"], N_("no better direction")))
value_key = f"set_value_{kid}_{queue or ALL}_{site or ALL}"
st.number_input(
    _("Target for {kpi} ({unit}; {better}) — {scope}").format(kpi=k.label, unit=unit, better=better, scope=scope),
    min_value=float(low), max_value=float(high),
    value=float(in_force) if in_force == in_force and in_force is not None else float(low),
    step=k.display.step,
    key=value_key,
    help=_("Now in force: {value} ({source}).").format(value=k.format(in_force), source=row["source"]))
own = row["this_scope"]
has_own = own is not None and own == own
b1, b2, _spare = st.columns([1, 2, 2])  # at 1 of 5 parts "Remove this scope's target" was cut at 1280 px
b1.button(_("Save target"), type="primary", key="set_save", on_click=save_target,
          args=(kid, queue, site, value_key))
b2.button(_("Remove this scope's target"), key="set_remove", disabled=not has_own, on_click=save_target,
          args=(kid, queue, site, None), help=_("The scope then uses the wider scope's target, or the default."))
show_result("targets")

table = targets_view.scope_table(queue, site)
shown = table.assign(
    default=[registry.get(i).format(v) for i, v in zip(table["kpi_id"], table["default"])],
    this_scope=[registry.get(i).format(v) for i, v in zip(table["kpi_id"], table["this_scope"])],
    in_force=[registry.get(i).format(v) for i, v in zip(table["kpi_id"], table["in_force"])],
    kpi=[registry.get(i).label for i in table["kpi_id"]],
    better=[_(BETTER[b]) if b in BETTER else b for b in table["better"]],
).drop(columns=["unit"])
st.markdown("**" + _("Targets for the {scope}").format(scope=md(scope)) + "**")
components.table(shown, f"targets_{scope}", key="set_targets", column_config={
    "kpi_id": None, "kpi": _("KPI"), "better": _("Better"), "default": _("Default"), "this_scope": _("Set for this scope"),
    "in_force": _("In force"), "source": st.column_config.TextColumn(_("Source"), width="large")})

st.markdown("**" + _("Target history") + "**")
hist = targets_view.target_history()
if hist.empty:
    st.caption(_("No target has been changed yet."))
else:
    hist = hist.assign(
        kpi=[registry.get(i).label if i in registry.KPIS else i for i in hist["kpi_id"]],
        scope=[targets.scope_label(q, s) for q, s in zip(hist["queue"], hist["site"])])
    components.table(hist[["changed_at", "changed_by", "kpi", "scope", "old_value", "new_value", "kpi_id"]],
                     "target_history", key="set_history", column_config={
                         "changed_at": st.column_config.DatetimeColumn(_("When"), format="YYYY-MM-DD HH:mm"),
                         "changed_by": _("Who"), "kpi": _("KPI"), "scope": _("Scope"),
                         "old_value": st.column_config.NumberColumn(_("Old"), help=_("Empty: no target of its own")),
                         "new_value": st.column_config.NumberColumn(_("New"), help=_("Empty: target removed")),
                         "kpi_id": _("KPI ID")})

# --- thresholds -------------------------------------------------------------------------------------
st.subheader(_("KPI thresholds"))
st.caption(_("These change how calls are counted (e.g. which calls are in service level). Saving "
             "recalculates every view in the same step, which takes a few seconds on a large warehouse."))
current = targets_view.current_thresholds()
cols = st.columns(len(thresholds.THRESHOLDS))
for col, (key, t) in zip(cols, thresholds.THRESHOLDS.items()):
    with col:
        label = _("{setting} ({unit})").format(setting=_(t.label), unit=_(UNIT_WORDS.get(t.unit, t.unit)))
        if t.integer:
            st.number_input(label, min_value=int(t.low), max_value=int(t.high),
                            value=int(current[key]), step=1, help=_(t.help), key=f"thr_{key}")
        else:
            st.number_input(label, min_value=float(t.low), max_value=float(t.high),
                            value=float(current[key]), step=1.0, format="%g",  # 20, not 20.00 seconds
                            help=_(t.help), key=f"thr_{key}")
st.button(_("Save thresholds and recalculate"), key="thr_save", on_click=save_thresholds)
show_result("thresholds")

st.markdown("**" + _("Threshold history") + "**")
thist = targets_view.threshold_history()
if thist.empty:
    st.caption(_("No threshold has been changed yet."))
else:
    if "key" in thist.columns:   # the stored key stays; the screen names the setting
        thist = thist.assign(key=[_(thresholds.THRESHOLDS[k].label) if k in thresholds.THRESHOLDS else k
                                  for k in thist["key"]])
    components.table(thist, "threshold_history", key="thr_history", column_config={
        "changed_at": st.column_config.DatetimeColumn(_("When"), format="YYYY-MM-DD HH:mm"),
        "changed_by": _("Who"), "key": _("Setting"), "old_value": _("Old"), "new_value": _("New")})

# --- language ---------------------------------------------------------------------------------------
language.settings_section(context.db_path(), auth_gate.role().admin)

# --- calendar ---------------------------------------------------------------------------------------
calendar_settings.settings_section(context.db_path(), auth_gate.role().admin, user.current_user())
