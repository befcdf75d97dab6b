"""Industry benchmarks: the cited library, comparisons against it and between teams, bullet charts."""
