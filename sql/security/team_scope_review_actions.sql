-- team_scope for meeting notes: a supervisor sees the review actions saved for their own team only —
-- never another team's, nor the whole center's (those may name any agent). Applied by
-- analytics/core/warehouse.py after team_scope.sql when the warehouse has a review_actions table;
-- {db} is the warehouse's catalog name quoted by the code. A table built before actions carried a
-- team (read-only, not yet migrated) shows a supervisor none: {where} is then `false`.
CREATE TEMP VIEW review_actions AS
    SELECT * FROM {db}.main.review_actions
    WHERE {where};
