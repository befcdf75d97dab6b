import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "tests"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import pytest
from streamlit.runtime import pages_manager as _pages_manager

# A real server leaves Streamlit's legacy `pages/`-folder mode after its first request (app.py's
# st.navigation turns it off for the process; analytics.ui.page.require_app covers that first request,
# see tests/browser/test_browser_shared_link.py). AppTest turns it back on before every run, which would send
# every run through that first-request path; keep it off, as on a warm server.
_original_init = _pages_manager.PagesManager.__init__


def _warm_server_init(self, *args, **kwargs):
    _original_init(self, *args, **kwargs)
    _pages_manager.PagesManager.uses_pages_directory = False


_pages_manager.PagesManager.__init__ = _warm_server_init


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory):
    """The small sample center, built once per test session with the product's own generator."""
    from analytics.sample import generate

    path = tmp_path_factory.mktemp("sample") / "small.duckdb"
    generate(path, preset="small", seed=11)
    return path
