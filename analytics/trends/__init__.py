"""The Trends page's data (series, comparison overlay, bands, control charts) and its charts."""
