from __future__ import annotations


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do, in one line."""
