"""Progress of an import comes from one source (analytics/importer/progress.py): the pipeline's stages and
the mart refresh's steps, in order, ending at 1.0 — heard by a caller of import_file, by a folder import
(each file inside its share) and drawn by the Data page's st.progress."""
from __future__ import annotations

import shutil
from pathlib import Path

from streamlit.testing.v1 import AppTest

from analytics.core import warehouse
from analytics.importer import import_file
from analytics.importer.batch import import_folder

REPO = Path(__file__).resolve().parents[2]
ACD = REPO / "sample_data" / "acd_export"


def _warehouse(tmp_path: Path) -> Path:
    db = warehouse.init(tmp_path / "wh.duckdb")
    assert import_file(db, "agents", ACD / "agents.csv", mapping_sql=(ACD / "agents_mapping.sql").read_text()).ok
    return db


def test_a_file_reports_its_stages_in_order(tmp_path):
    db = _warehouse(tmp_path)
    heard: list[tuple[float, str]] = []
    res = import_file(db, "calls", ACD / "calls.csv", mapping_sql=(ACD / "calls_mapping.sql").read_text(),
                      progress=lambda share, text: heard.append((share, text)))
    assert res.status == "imported"
    shares = [s for s, _ in heard]
    assert shares == sorted(shares) and shares[0] == 0.0 and shares[-1] == 1.0
    texts = [t for _, t in heard]
    assert texts[0] == "Reading the file" and texts[-1] == "Done"
    assert "Writing to the warehouse" in texts and "Updating the figures the pages read" in texts
    # a second import of other days is incremental: the refresh's own steps are heard, inside its stage
    heard.clear()
    again = tmp_path / "again.csv"
    again.write_text((ACD / "calls.csv").read_text(encoding="utf-8"), encoding="utf-8")
    import_file(db, "calls", again, mapping_sql=(ACD / "calls_mapping.sql").read_text(),
                progress=lambda share, text: heard.append((share, text)))
    steps = [(s, t) for s, t in heard if t.startswith(("Recomputing", "Rolling up"))]
    assert steps and all(0.6 <= s < 1.0 for s, _ in steps), heard


def test_a_dry_run_never_says_it_writes(tmp_path):
    db = _warehouse(tmp_path)
    heard = []
    import_file(db, "calls", ACD / "calls.csv", mapping_sql=(ACD / "calls_mapping.sql").read_text(),
                dry_run=True, progress=lambda share, text: heard.append(text))
    assert heard[-1] == "Done" and "Writing to the warehouse" not in heard


def test_a_folder_reports_each_file_inside_its_share(tmp_path):
    db = _warehouse(tmp_path)
    folder = tmp_path / "drop"
    folder.mkdir()
    for name in ("a.csv", "b.csv"):
        shutil.copyfile(ACD / "calls.csv", folder / name)
    heard: list[tuple[float, str]] = []
    res = import_folder(db, "calls", folder, (ACD / "calls_mapping.sql").read_text(),
                        report=lambda share, text: heard.append((share, text)))
    assert len(res.imported) == 1 and len(res.skipped) == 1   # b.csv has a.csv's content
    shares = [s for s, _ in heard]
    assert shares == sorted(shares) and shares[-1] == 1.0
    first = [s for s, t in heard if t.startswith("1/2 a.csv")]
    second = [s for s, t in heard if t.startswith("2/2 b.csv")]
    assert first and max(first) <= 0.5 and second == [1.0]   # b.csv: skipped, its share done at once
    assert any("Writing to the warehouse" in t for _, t in heard if t.startswith("1/2"))


def test_the_data_page_draws_the_import_progress(tmp_path, monkeypatch):
    db = _warehouse(tmp_path)
    monkeypatch.setenv("SWITCHBOARD_DB", str(db))
    at = AppTest.from_file(str(REPO / "pages" / "data.py"), default_timeout=120).run()
    at.selectbox(key="import_table").set_value("calls").run()
    at.file_uploader[0].set_value(("calls.csv", (ACD / "calls.csv").read_bytes(), "text/csv")).run()
    assert not at.exception, at.exception
    at.radio[0].set_value("Write the SQL myself").run()
    at.text_area(key="mapping_calls").set_value((ACD / "calls_mapping.sql").read_text()).run()
    assert not at.get("progress")   # nothing running: no bar
    at.button(key="do_import").click().run()
    assert not at.exception, at.exception
    bars = at.get("progress")
    assert len(bars) == 1
    assert bars[0].proto.value == 100 and bars[0].proto.text == "Done"
    assert any("Imported" in s.value for s in at.success)
