"""What the first render after a start no longer pays for (analytics/ui/streamlit_speed.py): Streamlit's
REPL check, the emoji catalog, and magic's rewrite of every page."""
import ast
import re
import tomllib
from pathlib import Path

from streamlit import delta_generator, env_util

from apptest_helpers import ROOT, errors, run_page

# an icon argument whose value is a string literal: icon="…", page_icon="…"
ICON_ARG = re.compile(r"""\b(?:page_)?icon\s*=\s*(["'])(.*?)\1""")


def test_the_app_never_asks_whether_it_runs_in_a_repl(sample_db, monkeypatch):
    asked = []
    monkeypatch.setattr(env_util, "is_repl", lambda: asked.append(1) or False)
    monkeypatch.setattr(delta_generator, "_use_warning_has_been_displayed", False)  # as in a new process
    at = run_page(sample_db)
    assert not errors(at)
    assert asked == []


def test_icons_are_material_symbols_not_emoji():
    found = []
    files = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "analytics").rglob("*.py")]
    for path in files:
        for m in ICON_ARG.finditer(path.read_text(encoding="utf-8")):
            if not m.group(2).isascii():
                found.append(f"{path.relative_to(ROOT)}: {m.group(0)}")
    assert found == [], "emoji icons load Streamlit's emoji catalog (150 ms): use ':material/…:'"
    assert ICON_ARG.search('st.info(x, icon="ℹ️")')  # the scan sees one


def test_magic_is_off_and_no_page_relies_on_it():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["magicEnabled"] is False
    for path in [ROOT / "app.py", *(ROOT / "pages").glob("*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            for i, stmt in enumerate(getattr(node, "body", []) if isinstance(getattr(node, "body", None), list) else []):
                if isinstance(stmt, ast.Expr) and not isinstance(stmt.value, ast.Call):
                    docstring = i == 0 and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)
                    assert docstring, f"{path.name}:{stmt.lineno} writes through magic"
