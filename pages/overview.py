"""Overview: where to look first, the headline KPIs against targets and the comparison, by queue."""
import streamlit as st

from analytics.core import charts
from analytics.core import registry
from analytics.i18n import _
from analytics.ui import components, context, page, targets_view

f = page.filters()
components.header(_("Overview"), f)

components.stop_if_no_calls(f)

components.attention_strip(f)

st.subheader(_("Headline KPIs"))
TRENDS = ("offered", "answered", "service_level_pct", "abandon_rate_pct")
components.kpi_tiles(f, registry.HEADLINE, read_with=TRENDS)

st.subheader(_("Volume and service level"))
grain = f.grain
df = context.kpi_frame(f, list(TRENDS), by=grain, read_with=registry.HEADLINE)  # with the tiles' sparklines
left, right = st.columns(2)
with left:
    components.chart(charts.trend(df, registry.get("offered"), grain), df, "offered_by_" + grain, key="ov_offered")
with right:
    k = registry.get("service_level_pct")
    sl_target = targets_view.targets_for(f).get("service_level_pct")
    components.chart(charts.trend(df, k, grain, target=sl_target.value if sl_target else k.default_target),
                     df, "service_level_by_" + grain, key="ov_sl")

st.subheader(_("By queue"))
ids = ["offered", "service_level_pct", "asa_s", "abandon_rate_pct", "aht_s", "fcr_pct", "csat_pct"]
by_queue = context.kpi_frame(f, ids, by="queue")
# each queue is judged against its own targets (a queue's target where one is set, else the center's)
row_targets = [targets_view.effective(q, f.sites[0] if len(f.sites) == 1 else None) for q in by_queue["queue"]]
components.status_table(by_queue, "kpis_by_queue", ids, row_targets, key="ov_queue",
                        extra_config={"queue": st.column_config.TextColumn(_("Queue"))})
