"""Overview: the headline KPIs for the selected period, against the comparison and targets."""
import streamlit as st

from analytics.core import charts
from analytics.core import registry
from analytics.ui import components, context, page

f = page.filters()
components.header("Overview", f)

if context.kpi_values(f, ["offered"]).get("offered", 0) == 0:
    components.empty()
    st.stop()

st.subheader("Headline KPIs")
components.kpi_tiles(f, registry.HEADLINE)

st.subheader("Volume and service level")
grain = f.grain
df = context.kpi_frame(f, ["offered", "answered", "service_level_pct", "abandon_rate_pct"], by=grain)
left, right = st.columns(2)
with left:
    components.chart(charts.trend(df, registry.get("offered"), grain), df, "offered_by_" + grain, key="ov_offered")
with right:
    k = registry.get("service_level_pct")
    components.chart(charts.trend(df, k, grain, target=k.default_target), df, "service_level_by_" + grain,
                     key="ov_sl")

st.subheader("By queue")
ids = ["offered", "service_level_pct", "asa_s", "abandon_rate_pct", "aht_s", "fcr_pct", "csat_pct"]
by_queue = context.kpi_frame(f, ids, by="queue")
components.table(by_queue, "kpis_by_queue", column_config=components.kpi_column_config(ids), key="ov_queue")
