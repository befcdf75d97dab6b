"""Browser-test fixtures: the demo center (the sample a new user sees) built once per session, and one
Streamlit server on it shared by every browser test file."""
import pytest

from browser import streamlit_server


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    from analytics.sample import generate

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    generate(path, preset="demo")
    return path


@pytest.fixture(scope="session")
def demo_server(demo_db):
    with streamlit_server(demo_db) as base:
        yield base


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: a real server and browser; run once, never per parameter")
