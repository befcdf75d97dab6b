"""The weekly (or monthly, quarterly, yearly) review: what changed, who stands out, who needs
attention and what the meeting decided. `build.build_review` assembles it once for both the page and
the offline report, so both show the same numbers."""
