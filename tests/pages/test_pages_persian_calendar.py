"""Every page opens under the Persian calendar (cal=persian, a Jalali month by week) without an error or an
invalid chart. Center: tests/jalali_center.py."""
import pytest
from apptest_helpers import PAGE_FILES, errors, run_page

from jalali_center import build_center

LINK = {"from": "2026-03-21", "to": "2026-04-20", "period": "custom", "grain": "week", "cal": "persian"}


@pytest.fixture(scope="module")
def center(tmp_path_factory):
    return build_center(tmp_path_factory.mktemp("jpages") / "j.duckdb")


@pytest.mark.parametrize("page", sorted(PAGE_FILES))
def test_each_page_opens_in_the_persian_calendar(center, page):
    at = run_page(center, page, LINK, timeout=240)
    assert not errors(at), errors(at)
    assert at.session_state["f_calendar"] == "persian"
