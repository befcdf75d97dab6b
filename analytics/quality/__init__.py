"""The Quality page's data (QA scores, coverage, criteria, evaluator drift, flagged calls) and its charts."""
