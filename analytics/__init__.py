"""Switchboard analytics: the warehouse, the metrics layer and everything the app and CLI share."""
