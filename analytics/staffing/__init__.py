"""Workforce planning: interval forecasts, caller patience and Erlang staffing (docs/staffing.md)."""
