"""A conversation's next message number, taken in one statement below the ORM (docs/adr/0049, "Figures").

A person's post asked the database four times around storing the message: is the chat still open, add one to the
number, read the number back, and start the "awaiting a reply" clock. Under 500 open chats the posts were what
queued (`python -m benchmarks.chat`). `UPDATE … RETURNING` (PostgreSQL; SQLite since 3.35) does it in one: the
row's lock orders two posts at the same moment, so each gets its own number; the open test is in the WHERE, so a
chat that has ended gets none; the clock starts only when it is not already running. Every other write stays in the
ORM (services.py); tests/conversations/test_numbering.py compares this with the ORM's steps.
"""

from __future__ import annotations

import datetime
from functools import cache

from django.db import connection

from waypost.conversations.models import OPEN_STATUSES, Conversation


@cache
def next_number_sql(vendor: str, *, only_if_open: bool, starts_clock: bool) -> str:
    # Keyed by the database's vendor because its quoting is part of the text
    meta = Conversation._meta
    quote = connection.ops.quote_name
    number, clock = quote(meta.get_field("last_sequence").column), quote(meta.get_field("awaiting_reply_since").column)
    changes = [f"{number} = {number} + 1", *([f"{clock} = COALESCE({clock}, %s)"] if starts_clock else [])]
    conditions = [f"{quote(meta.pk.column)} = %s"]
    if only_if_open:
        statuses = ", ".join(["%s"] * len(OPEN_STATUSES))
        conditions.append(f"{quote(meta.get_field('status').column)} IN ({statuses})")
    return (
        f"UPDATE {quote(meta.db_table)} SET {', '.join(changes)} "  # noqa: S608 - names from our model
        f"WHERE {' AND '.join(conditions)} RETURNING {number}"
    )


def take_next_number(
    conversation_id: int, *, only_if_open: bool = False, clock_from: datetime.datetime | None = None
) -> int | None:
    """The next number, or None when `only_if_open` and the chat has ended. `clock_from` starts the "awaiting a
    reply" clock at that moment unless it is already running."""
    clock_field = Conversation._meta.get_field("awaiting_reply_since")
    params: list[str | int] = [] if clock_from is None else [clock_field.get_db_prep_value(clock_from, connection)]
    params.append(conversation_id)
    if only_if_open:
        params.extend(str(status) for status in OPEN_STATUSES)
    statement = next_number_sql(connection.vendor, only_if_open=only_if_open, starts_clock=clock_from is not None)
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        row = cursor.fetchone()
    return None if row is None else int(row[0])
