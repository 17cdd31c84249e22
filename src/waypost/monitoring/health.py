"""Liveness and readiness, as an orchestrator or proxy asks for them (docs/adr/0036).

Liveness says only that this process answers: a database outage must not make an orchestrator restart every app
server, because they would come back to the same outage and meanwhile stop serving /urgent. Readiness says whether
this server can do its whole job: the database answers and every migration is applied.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

DATABASE_OK = "ok"
DATABASE_UNAVAILABLE = "unavailable"
MIGRATIONS_OK = "ok"
MIGRATIONS_PENDING = "pending"
MIGRATIONS_UNKNOWN = "unknown"


@dataclass(frozen=True)
class Readiness:
    database: str
    migrations: str

    @property
    def is_ready(self) -> bool:
        return self.database == DATABASE_OK and self.migrations == MIGRATIONS_OK

    def as_json(self) -> dict[str, str]:
        return {
            "status": "ready" if self.is_ready else "not ready",
            "database": self.database,
            "migrations": self.migrations,
        }


class MigrationCheck:
    """Remembers a passed check: migrations are never un-applied under a running server, so one pass is enough."""

    def __init__(self) -> None:
        self.has_passed = False

    def state(self) -> str:
        if not self.has_passed:
            self.has_passed = not has_unapplied_migrations()
        return MIGRATIONS_OK if self.has_passed else MIGRATIONS_PENDING


MIGRATION_CHECK = MigrationCheck()


def has_unapplied_migrations() -> bool:
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def database_is_reachable() -> bool:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            return bool(cursor.fetchone() == (1,))
    except DatabaseError:
        return False


def check_readiness() -> Readiness:
    if not database_is_reachable():
        return Readiness(DATABASE_UNAVAILABLE, MIGRATIONS_UNKNOWN)
    try:
        return Readiness(DATABASE_OK, MIGRATION_CHECK.state())
    except DatabaseError:
        # The database went away between the two checks
        return Readiness(DATABASE_UNAVAILABLE, MIGRATIONS_UNKNOWN)
