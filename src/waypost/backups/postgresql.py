"""PostgreSQL through its own tools: `pg_dump -Fc` to back up, `pg_restore` to restore (docs/backups.md)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from waypost.backups.errors import BackupError

DUMP_FILE_NAME = "waypost.dump"


def require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not on PATH; install PostgreSQL's client tools (Debian: postgresql-client) or follow "
            "docs/backups.md to run it yourself"
        )
    return path


def back_up_postgresql(database_url: str, target: Path) -> None:
    # The custom format is compressed, and pg_restore can restore it in parallel or pick out single tables
    run([require_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={target}", f"--dbname={database_url}"])


def check_dump(path: Path) -> None:
    """pg_restore reads the dump's table of contents: a truncated or foreign file fails here, before anything."""
    run([require_tool("pg_restore"), "--list", str(path)])


def restore_postgresql(path: Path, database_url: str, *, replace: bool) -> None:
    arguments = [require_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error"]
    if replace:
        arguments += ["--clean", "--if-exists"]
    run([*arguments, f"--dbname={database_url}", str(path)])


def run(arguments: list[str]) -> None:
    finished = subprocess.run(arguments, capture_output=True, text=True, check=False)  # noqa: S603 - our own tools
    if finished.returncode != 0:
        tool = Path(arguments[0]).name
        raise BackupError(f"{tool} failed (exit {finished.returncode}): {finished.stderr.strip()[-800:]}")
