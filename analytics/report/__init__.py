"""The offline review report: one self-contained HTML file or a print-ready A4 PDF, built from the
same review object (analytics.review.build) as the Weekly review page."""
