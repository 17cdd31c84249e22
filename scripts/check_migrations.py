"""Fail when a migration is not safe to run while the previous release is still serving (docs/migrations.md).

Run: `DATABASE_URL=postgres://... python scripts/check_migrations.py`. django-migration-linter reads the SQL each
migration would run on PostgreSQL, where several servers share one database, and fails on a dropped or renamed
column or table, a NOT NULL column without a default, and the like. Warnings (an index built under a lock) are
printed and do not fail. Migrations of apps installed from elsewhere (django-otp) are their projects' business.
Migrations written before the rule are listed below with the reason each was accepted (ADR 0038).
"""

from __future__ import annotations

import os
import sys
import sysconfig
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_migration_linter import MigrationLinter

# Upgrading across any of these needs the old servers stopped before `migrate` (docs/migrations.md)
ACCEPTED_BEFORE_THE_RULE = {
    ("accounts", "0003_sign_in_throttle"): (
        "drops the per-address sign-in failure table that the per-account throttle replaced (ADR 0015); "
        "an old server still running would fail on it"
    ),
    ("directory", "0002_hsds_ids_derived_not_stored"): (
        "drops the stored HSDS uuid columns, now derived from the primary key; an old server still running "
        "would fail to read or write services"
    ),
    ("directory", "0003_correction_contact_encrypted"): (
        "encrypts the reporter's contact, drops the plain-text column and renames the encrypted one into its "
        "place in one step, so no plain copy outlives the migration"
    ),
    ("intake", "0002_rate_limit_counted_per_hour"): (
        "drops the per-request rate-limit table that hourly counters replaced; an old server still running "
        "would fail contact requests"
    ),
}
POSTGRESQL_SCHEMES = ("postgres://", "postgresql://", "pgsql://")


def main() -> int:
    if not os.environ.get("DATABASE_URL", "").startswith(POSTGRESQL_SCHEMES):
        print("check_migrations: set DATABASE_URL to a PostgreSQL database (it only reads the migrations' SQL)")
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waypost.config.settings")
    import django

    django.setup()
    linter = rule_linter(own_app_labels())
    linter.lint_all_migrations()
    linter.print_summary()
    if linter.has_errors:
        print("A migration above is not safe while the previous release serves: see docs/migrations.md")
    return 1 if linter.has_errors else 0


def own_app_labels() -> list[str]:
    """Apps with migrations whose code is not installed from a package index (those are linted by their authors)."""
    from django.apps import apps

    installed = Path(sysconfig.get_paths()["purelib"]).resolve()
    return [config.label for config in apps.get_app_configs() if not is_inside(Path(config.path), installed)]


def is_inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder)


def rule_linter(app_labels: Iterable[str]) -> MigrationLinter:
    from django.db.migrations.operations.base import Operation
    from django_migration_linter import MigrationLinter

    class RuleLinter(MigrationLinter):
        def should_ignore_migration(
            self, app_label: str, migration_name: str, operations: Iterable[Operation] = (), is_initial: bool = False
        ) -> bool:
            if (app_label, migration_name) in ACCEPTED_BEFORE_THE_RULE:
                return True
            return bool(super().should_ignore_migration(app_label, migration_name, operations, is_initial))

    # A new app's first migration only creates tables nobody reads yet
    return RuleLinter(no_cache=True, include_apps=list(app_labels), ignore_initial_migrations=True)


if __name__ == "__main__":
    sys.exit(main())
