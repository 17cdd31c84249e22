"""The zero-downtime migration rule (docs/migrations.md): a planted unsafe migration fails the check, a safe one passes.

The check reads the SQL each migration runs on PostgreSQL, so these run when the suite runs on PostgreSQL (CI does).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

REPOSITORY = Path(__file__).resolve().parents[2]
SCRIPT = REPOSITORY / "scripts" / "check_migrations.py"
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="runs when the suite runs on PostgreSQL")

FIRST_MIGRATION = """
from django.db import migrations, models

class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Thing",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("label", models.CharField(max_length=50)),
            ],
        ),
    ]
"""
SECOND_MIGRATION = """
from django.db import migrations, models

class Migration(migrations.Migration):
    dependencies = [("planted", "0001_initial")]
    operations = [OPERATION]
"""
SETTINGS = """
from waypost.config.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "planted"]  # noqa: F405
"""


def plant_app(folder: Path, operation: str) -> None:
    migrations = folder / "planted" / "migrations"
    migrations.mkdir(parents=True)
    (folder / "planted" / "__init__.py").write_text("")
    (folder / "planted" / "models.py").write_text("")
    (migrations / "__init__.py").write_text("")
    (migrations / "0001_initial.py").write_text(FIRST_MIGRATION)
    (migrations / "0002_change.py").write_text(SECOND_MIGRATION.replace("OPERATION", operation))
    (folder / "planted_settings.py").write_text(SETTINGS)


def maintenance_database_url() -> str:
    """The suite's PostgreSQL server's `postgres` database: always there, and the check only reads SQL text."""
    return urlunsplit(urlsplit(os.environ["DATABASE_URL"])._replace(path="/postgres"))


def run_check(folder: Path, *, settings: str = "waypost.config.settings") -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "DATABASE_URL": maintenance_database_url(),
        "DJANGO_SETTINGS_MODULE": settings,
        "PYTHONPATH": os.pathsep.join([str(folder), str(REPOSITORY)]),
        "WAYPOST_DATA_DIR": str(folder / "data"),
    }
    return subprocess.run(
        [sys.executable, str(SCRIPT)], env=environment, capture_output=True, text=True, timeout=300, check=False
    )


@on_postgresql
def test_the_existing_migrations_keep_the_rule(tmp_path: Path) -> None:
    result = run_check(tmp_path)

    assert result.returncode == 0, result.stdout
    assert "(directory, 0002_hsds_ids_derived_not_stored)... IGNORE" in result.stdout


@on_postgresql
@pytest.mark.parametrize(
    ("operation", "finding"),
    [
        pytest.param('migrations.RemoveField(model_name="thing", name="label")', "DROPPING columns", id="drop-column"),
        pytest.param(
            'migrations.RenameField(model_name="thing", old_name="label", new_name="title")',
            "RENAMING columns",
            id="rename-column",
        ),
        pytest.param('migrations.AlterModelTable(name="thing", table="things")', "RENAMING tables", id="rename-table"),
        pytest.param('migrations.DeleteModel(name="Thing")', "DROPPING table", id="drop-table"),
        pytest.param(
            'migrations.AddField(model_name="thing", name="size", field=models.IntegerField(default=0), '
            "preserve_default=False)",
            "NOT NULL constraint on columns",
            id="not-null-column",
        ),
    ],
)
def test_a_planted_unsafe_migration_fails_the_check(tmp_path: Path, operation: str, finding: str) -> None:
    plant_app(tmp_path, operation)

    result = run_check(tmp_path, settings="planted_settings")

    assert result.returncode == 1, result.stdout
    assert "(planted, 0002_change)... ERR" in result.stdout
    assert finding in result.stdout
    assert "not safe while the previous release serves" in result.stdout


@on_postgresql
@pytest.mark.parametrize(
    "field",
    [
        pytest.param("models.IntegerField(null=True)", id="nullable"),
        pytest.param("models.IntegerField(db_default=0)", id="database-default"),
    ],
)
def test_a_planted_column_the_old_release_can_ignore_passes_the_check(tmp_path: Path, field: str) -> None:
    plant_app(tmp_path, f'migrations.AddField(model_name="thing", name="size", field={field})')

    result = run_check(tmp_path, settings="planted_settings")

    assert result.returncode == 0, result.stdout
    assert "(planted, 0002_change)... OK" in result.stdout


def test_the_check_asks_for_postgresql_rather_than_passing_on_sqlite(tmp_path: Path) -> None:
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}

    result = subprocess.run([sys.executable, str(SCRIPT)], env=environment, capture_output=True, text=True, check=False)

    assert result.returncode == 2
    assert "set DATABASE_URL to a PostgreSQL database" in result.stdout


def test_every_accepted_exception_is_a_migration_that_exists_with_a_reason() -> None:
    specification = importlib.util.spec_from_file_location("check_migrations", SCRIPT)
    assert specification is not None
    assert specification.loader is not None
    module = importlib.util.module_from_spec(specification)
    specification.loader.exec_module(module)

    for (app, name), reason in module.ACCEPTED_BEFORE_THE_RULE.items():
        assert (REPOSITORY / "src" / "waypost" / app / "migrations" / f"{name}.py").is_file(), name
        assert len(reason) > 40, name
