"""After a restore: do the keys in use open the restored data, and which migrations does it still need?"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from waypost.core.encryption import DecryptionError, EncryptedTextField, decrypt
from waypost.core.renamed_apps import RENAMED_APPS

SAMPLE_PER_COLUMN = 25


@dataclass(frozen=True)
class DecryptionSample:
    checked: int
    unreadable: int
    unreadable_columns: tuple[str, ...]

    @property
    def is_readable(self) -> bool:
        return self.unreadable == 0


def encrypted_columns() -> list[tuple[str, str]]:
    """(table, column) for every encrypted field of every installed model."""
    return [
        (model._meta.db_table, field.column)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField)
    ]


def sample_decryption(*, per_column: int = SAMPLE_PER_COLUMN) -> DecryptionSample:
    """Try to decrypt the stored ciphertext (read raw, below the field) of a few rows in each encrypted column."""
    checked = unreadable = 0
    failing: list[str] = []
    for table, column in encrypted_columns():
        tokens = stored_tokens(table, column, per_column)
        failures = sum(not opens(token) for token in tokens)
        checked, unreadable = checked + len(tokens), unreadable + failures
        if failures:
            failing.append(f"{table}.{column}")
    return DecryptionSample(checked, unreadable, tuple(failing))


def stored_tokens(table: str, column: str, limit: int) -> list[str]:
    quote = connection.ops.quote_name
    # Names come from the models' own metadata, never from input
    query = f"SELECT {quote(column)} FROM {quote(table)} WHERE {quote(column)} IS NOT NULL LIMIT %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(query, [limit])
        return [str(row[0]) for row in cursor.fetchall() if row[0]]


def opens(token: str) -> bool:
    try:
        decrypt(token)
    except DecryptionError:
        return False
    return True


def pending_migrations() -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def migrations_unknown_here(applied: list[str]) -> list[str]:
    """Migrations the backup's release had applied that this release has never heard of: it is newer."""
    known = {f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}
    return sorted(name for name in applied if name not in known and name.split(".")[0] not in RENAMED_APPS)


def applied_migrations() -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())
