"""A realistic sample contact center: people, roster, calls, QA and surveys, with a known attrition truth."""
from analytics.sample.generate import generate

__all__ = ["generate"]
