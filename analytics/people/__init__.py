"""Agents and organization: the scorecard, headcount and flows, span of control, and their charts."""
