"""Carry a database written before an app was renamed over to the app's new name, before migrations run.

Django records applied migrations and content types by app label and names tables after it, so a renamed app would
otherwise look unmigrated and try to create its tables again (ADR 0023).
"""

from __future__ import annotations

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

# old app label -> new app label; an old label is never reused for another app
RENAMED_APPS = {"referrals": "intake"}


def carry_over_renamed_apps(connection: BaseDatabaseWrapper) -> list[str]:
    """Rename what the old labels own in this database; return the tables renamed (none for a new database)."""
    tables = set(connection.introspection.table_names())
    if "django_migrations" not in tables:
        return []
    renamed: list[str] = []
    with transaction.atomic(using=connection.alias):
        for old_label, new_label in RENAMED_APPS.items():
            if not migrations_recorded_for(connection, old_label):
                continue
            renamed += rename_tables(connection, tables, old_label, new_label)
            relabel_rows(connection, tables, old_label, new_label)
    return renamed


def migrations_recorded_for(connection: BaseDatabaseWrapper, label: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM django_migrations WHERE app = %s", [label])
        return cursor.fetchone() is not None


def rename_tables(connection: BaseDatabaseWrapper, tables: set[str], old_label: str, new_label: str) -> list[str]:
    quote = connection.ops.quote_name
    renamed = []
    with connection.cursor() as cursor:
        for old_table in sorted(name for name in tables if name.startswith(f"{old_label}_")):
            new_table = new_label + old_table.removeprefix(old_label)
            # SQLite 3.26+ and PostgreSQL both rewrite the foreign keys that point at a renamed table
            cursor.execute(f"ALTER TABLE {quote(old_table)} RENAME TO {quote(new_table)}")
            renamed.append(new_table)
    return renamed


def relabel_rows(connection: BaseDatabaseWrapper, tables: set[str], old_label: str, new_label: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE django_migrations SET app = %s WHERE app = %s", [new_label, old_label])
        if "django_content_type" in tables:
            # Permissions hang off content types by id, so relabelling keeps them
            cursor.execute("UPDATE django_content_type SET app_label = %s WHERE app_label = %s", [new_label, old_label])
