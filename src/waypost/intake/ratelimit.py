"""The per-client limit on contact requests: a counter per client and clock hour, bumped in one statement.

A fixed window lets a client send up to twice the limit across the turn of an hour; in exchange each check is
one indexed upsert, however many requests the client sent, and concurrent requests cannot both pass the limit.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import connection
from django.utils import timezone

from waypost.core.encryption import keyed_hash
from waypost.intake.models import RateLimitWindow

WINDOW = datetime.timedelta(hours=1)


class RateLimited(Exception):
    """This client has sent as many requests as it may this hour."""


CONTACT_REQUESTS = "rate-limit"


def count_attempt(client_address: str, *, counter: str = CONTACT_REQUESTS) -> None:
    """Count an attempt against the client's hourly limit; call it inside the transaction that stores the request.

    A refused attempt raises, which rolls its own count back with the rest of the transaction. Another `counter`
    (such as directory corrections) keeps its own count under the same limit, so reporting a listing never
    uses up a person's chance to ask for help.
    """
    attempts = bump_window(keyed_hash(client_address, purpose=counter), window_start(timezone.now()))
    if attempts > settings.CONTACT_RATE_LIMIT_PER_HOUR:
        raise RateLimited("Too many requests from this client this hour.")


def window_start(moment: datetime.datetime) -> datetime.datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def bump_window(client_hash: str, start: datetime.datetime) -> int:
    """Add one to the client's count for the hour and return the new count (SQLite 3.35+ and PostgreSQL)."""
    table = connection.ops.quote_name(RateLimitWindow._meta.db_table)
    field = RateLimitWindow._meta.get_field("window_start")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (client_hash, window_start, attempts) VALUES (%s, %s, 1) "  # noqa: S608 (our table name)
            f"ON CONFLICT (client_hash, window_start) DO UPDATE SET attempts = {table}.attempts + 1 "
            "RETURNING attempts",
            [client_hash, field.get_db_prep_value(start, connection)],
        )
        row = cursor.fetchone()
    return int(row[0])


def purge_old_windows(now: datetime.datetime) -> int:
    """Delete the counts of hours that are over; they decide nothing any more."""
    deleted, _ = RateLimitWindow.objects.filter(window_start__lt=window_start(now)).delete()
    return deleted
