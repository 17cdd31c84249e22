"""Tell whoever is waiting that a conversation has a new message, through PostgreSQL's LISTEN/NOTIFY (ADR 0039).

The notification carries only the conversation's public id and the message's number; the browser then reads the
message by number as it always has, so a missed notification costs latency, never a message. NOTIFY is delivered
when the transaction that stored the message commits, and never if it rolls back. SQLite (the demo) has no
notifications: browsers there keep asking every few seconds.
"""

from __future__ import annotations

from django.db import connection

CHANNEL = "waypost_conversations"


def can_push() -> bool:
    return connection.vendor == "postgresql"


def announce_message(public_id: str, sequence: int) -> None:
    if not can_push():
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, notification(public_id, sequence)])


def notification(public_id: str, sequence: int) -> str:
    return f"{public_id}:{sequence}"


def read_notification(payload: str) -> tuple[str, int] | None:
    """`"<public id>:<number>"` → (public id, number); anything else is not ours and is ignored."""
    public_id, _, number = payload.rpartition(":")
    return (public_id, int(number)) if public_id and number.isdigit() else None
