-- stg_evaluation_items_text: each evaluation's per-criterion scores as one line of text
-- ("empathy 80.0 · greeting 100.0"), for the evaluation lists of the Agents drill-down.
CREATE OR REPLACE VIEW stg_evaluation_items_text AS
SELECT evaluation_id,
       string_agg(criterion || ' ' || CAST(round(score, 1) AS VARCHAR), ' · ' ORDER BY criterion) AS items
FROM evaluation_items
GROUP BY evaluation_id;
