"""Streamlit-side helpers shared by every page: cached data access, the filter sidebar, URL state,
tiles, charts and downloads. Pages import from here and from analytics/; they compute nothing."""
