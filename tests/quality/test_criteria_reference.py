"""quality_criteria.sql reads only the evaluation items between the chosen evaluations' smallest and
largest id (so a week's view skips the other row groups); its answer must equal the plain join over
every item, for each grouping, period and scope — including items stored out of evaluation order."""
from datetime import timedelta

import pandas as pd
import pytest

from analytics.core import queries, warehouse
from analytics.core.filters import Filters
from analytics.quality import data as quality

# The definition without the span: every item joined to the chosen human evaluations.
REFERENCE = """
SELECT i.criterion, g.group_id,
       CASE WHEN $by::VARCHAR = 'team' THEN a.name ELSE g.group_id END AS group_name,
       count(*) AS items, avg(i.score) AS mean_score,
       100.0 * count(*) FILTER (WHERE i.score < s.qa_pass_mark) / count(*) AS below_pass_pct,
       s.qa_pass_mark AS pass_mark
FROM evaluation_items i
JOIN (SELECT evaluation_id,
             CASE $by::VARCHAR WHEN 'team' THEN supervisor_id WHEN 'queue' THEN queue END AS group_id
      FROM fct_evaluations
      WHERE kind = 'human' AND in_selection(evaluated_at, queue, site, supervisor_id, agent_id,
                                            $start, $end, $queues, $sites, $supervisors, $agents)) g
  ON g.evaluation_id = i.evaluation_id
CROSS JOIN stg_settings s
LEFT JOIN agents a ON a.agent_id = g.group_id
GROUP BY i.criterion, g.group_id, group_name, s.qa_pass_mark
ORDER BY mean_score, i.criterion, g.group_id
"""


def _both(con, f, by):
    q = quality.criteria_query(f, by)
    got = queries.run(con, q)
    want = con.execute(REFERENCE, queries.bound(q, REFERENCE)).df()
    return got, want


@pytest.mark.parametrize("by", ["overall", "team", "queue"])
@pytest.mark.parametrize("days,scope", [(6, {}), (30, {"queues": 1}), (6, {"sites": 1}), (200, {})])
def test_criteria_equal_the_plain_join(sample_db, by, days, scope):
    with warehouse.read_connection(sample_db) as con:
        last = con.execute("SELECT max(evaluated_at)::DATE FROM fct_evaluations WHERE kind = 'human'").fetchone()[0]
        kw = {}
        if scope.get("queues"):
            kw["queues"] = (con.execute("SELECT min(queue) FROM fct_evaluations").fetchone()[0],)
        if scope.get("sites"):
            kw["sites"] = (con.execute("SELECT min(site) FROM fct_evaluations").fetchone()[0],)
        f = Filters(start=last - timedelta(days=days + 10), end=last - timedelta(days=10), **kw)
        got, want = _both(con, f, by)
    assert len(want) > 0
    pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-12)


def test_items_out_of_evaluation_order(tmp_path, sample_db):
    """Items appended later for an early evaluation (a re-import) sit in another row group: still counted."""
    import shutil

    db = tmp_path / "copy.duckdb"
    shutil.copyfile(sample_db, db)
    with warehouse.write_connection(db) as con:
        first = con.execute("SELECT min(evaluation_id) FROM fct_evaluations WHERE kind = 'human'").fetchone()[0]
        moved = con.execute("SELECT count(*) FROM evaluation_items WHERE evaluation_id = ?", [first]).fetchone()[0]
        con.execute("CREATE TEMP TABLE keep AS SELECT * FROM evaluation_items WHERE evaluation_id = ?", [first])
        con.execute("DELETE FROM evaluation_items WHERE evaluation_id = ?", [first])
        con.execute("INSERT INTO evaluation_items SELECT * FROM keep")
        day = con.execute("SELECT evaluated_at::DATE FROM fct_evaluations WHERE evaluation_id = ?", [first]).fetchone()[0]
    assert moved > 0
    with warehouse.read_connection(db) as con:
        got, want = _both(con, Filters(start=day, end=day + timedelta(days=6)), "overall")
    assert int(want["items"].sum()) >= moved
    pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-12)
