-- stg_data_end: the data end E — the latest call arrival in the warehouse (one row; NULL without calls).
-- Censoring of repeat calls and FCR (fct_calls), early attrition (org_kpis) and the Customer page's
-- censoring note all measure from this one definition.
CREATE OR REPLACE VIEW stg_data_end AS
SELECT max(arrived_at) AS data_end
FROM calls;
