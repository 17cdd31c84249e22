"""The contact draft read below the ORM: one statement, composed once per process, on every contact page.

Every contact page reads the visitor's draft. Through the ORM (`filter(pk=…).first()`, a model instance) that read
cost 1.5 to 2.5 ms in process, nearly all of it composing the same SQL again; the statement itself and the Fernet
decryption take a few hundredths of a millisecond (docs/adr/0041-dynamic-pages-without-waste.md, "Second pass";
measured with the Django test client and `python -m benchmarks.pages`). The idle limit is part of the statement, so
an idle draft is never decrypted. Only the reads live here; every write stays in the ORM (drafts.py), and
tests/intake/test_draft_storage.py checks this read against the ORM's.
"""

from __future__ import annotations

import datetime
import uuid
from functools import cache

from django.db import connection

from waypost.core.encryption import decrypt
from waypost.intake.models import ContactDraft


@cache
def fresh_answers_sql(vendor: str) -> str:
    # Keyed by the database's vendor because its quoting is part of the text
    meta = ContactDraft._meta
    quote = connection.ops.quote_name
    columns = {field.name: quote(field.column) for field in meta.concrete_fields}
    return (
        f"SELECT {columns['answers']} FROM {quote(meta.db_table)} "  # noqa: S608 - names from our model
        f"WHERE {columns['id']} = %s AND {columns['updated_at']} >= %s"
    )


def fresh_draft_answers(draft_id: uuid.UUID, *, written_since: datetime.datetime) -> str | None:
    """The decrypted answers of the draft when it was last written at or after `written_since`, else None."""
    meta = ContactDraft._meta
    params = [
        meta.get_field("id").get_db_prep_value(draft_id, connection),
        meta.get_field("updated_at").get_db_prep_value(written_since, connection),
    ]
    with connection.cursor() as cursor:
        cursor.execute(fresh_answers_sql(connection.vendor), params)
        row = cursor.fetchone()
    return None if row is None else decrypt(row[0])
