"""Waypost: open, self-hostable software for the ketamine-addiction care pathway."""

__version__ = "0.1.0"
