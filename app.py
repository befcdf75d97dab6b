"""Switchboard: `streamlit run app.py`. Signs the user in (by the configured mode), sets up the
global filter sidebar and the navigation their role allows; each page under pages/ lays out its view."""
import logging
import traceback
from pathlib import Path

import streamlit as st

from analytics.core import warehouse
from analytics.auth import audit, config, session
from analytics.auth.scope import Scope
from analytics.i18n import _, isolate
from analytics.ui import auth_gate, context, filter_bar, gc_pauses, language, navigation, state, streamlit_speed

streamlit_speed.skip_repl_check()
# The favicon is the app's own image, served by the app: a ":material/…:" one is fetched from
# fonts.gstatic.com, and an emoji (or any str) is first matched against Streamlit's emoji catalog (150 ms);
# a Path goes straight to the image.
FAVICON = Path(__file__).parent / "analytics" / "ui" / "assets" / "favicon.png"
st.set_page_config(page_title="Switchboard", page_icon=FAVICON, layout="wide")
log = logging.getLogger("switchboard")

path = context.db_path()
state.initial_query()  # remember the link the session was opened with, through the sign-in
state.initial_page()   # and its page: the sign-in form's reruns do not carry it
language.activate(path)  # the session's language (link, deployment default, browser), before any text
state.follow_history()  # browser back/forward: the address's view, not the session's last one
try:
    user, role = auth_gate.gate(path)
except config.AuthConfigError as exc:
    st.error(_("Switchboard is misconfigured: {error}.").format(error=exc))
    st.stop()
scope = Scope.for_user(user, role)
warehouse.set_session_teams(scope.teams)  # every read connection of this run is scoped (query layer)
session.set_role(role)
session.set_user(user.username, user.supervisor_id if role.team_scope else None)  # who writes (rights.py)
session.set_channel("app")
st.session_state.update(auth_current=user, auth_role=role, auth_scope=scope)

if not path.exists():
    st.title("Switchboard")
    st.warning(
        _("No warehouse at `{path}`. Build the sample contact center with "
          "`python -m analytics sample --preset demo --db {path}` or import your own data "
          "(see docs/import.md), then reload this page.").format(path=path)
    )
    st.stop()

menu = navigation.pages(role)
pg = st.navigation(menu, expanded=True)  # every page listed: the collapsed list's "View N more" is Streamlit's own English
wanted = state.pending_page()  # a deep link opened before sign-in lands on its page, filters kept
target = navigation.find(menu, wanted) if wanted else None
if target is not None and wanted != pg._url_path:
    st.switch_page(target)
unknown_page = wanted if wanted and target is None else None
try:
    language.selector()
    st.session_state["filters"] = filter_bar.render(context.catalog(), scope)
    if unknown_page:  # a mistyped or retired page in a link: say where it landed (after the link's own notices)
        state.add_notice(_("Unknown page '{page}' in the link: showing the {title} page.").format(
            page=isolate(unknown_page[:40]), title=pg.title))
    st.session_state["_page_url"] = pg.url_path
    if pg.url_path == "attrition" and role.attrition:
        audit.record(config.audit_file(path), "view_attrition", user.username)
    pg.run()
except warehouse.WarehouseError as exc:
    st.error(str(exc))
except Exception as exc:  # the user sees a plain message; the trace goes to the server log
    log.error("page %s failed: %s", pg.title, traceback.format_exc())
    st.error(_("This view could not be drawn ({error}). Your filters are kept: "
               "try another selection, or reload. The details are in the server log.").format(
        error=type(exc).__name__))
finally:
    context.finish_prefetch()  # no read of this run outlives it
    state.flush_url()  # the run's whole view to the address, in one change (also after st.stop)
    gc_pauses.freeze_long_lived()  # after the page is drawn: no full collection inside a later view
