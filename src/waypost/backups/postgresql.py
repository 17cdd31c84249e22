"""PostgreSQL through its own tools: `pg_dump -Fc` to back up, `pg_restore` to restore (docs/backups.md)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

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
    address, environment = without_password(database_url)
    arguments = [require_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={target}", f"--dbname={address}"]
    run(arguments, environment)


def check_dump(path: Path) -> None:
    """pg_restore reads the dump's table of contents: a truncated or foreign file fails here, before anything."""
    run([require_tool("pg_restore"), "--list", str(path)])


def restore_postgresql(path: Path, database_url: str, *, replace: bool) -> None:
    arguments = [require_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error"]
    if replace:
        arguments += ["--clean", "--if-exists"]
    address, environment = without_password(database_url)
    run([*arguments, f"--dbname={address}", str(path)], environment)


def without_password(database_url: str) -> tuple[str, dict[str, str]]:
    """The address without its password, which goes in PGPASSWORD: other accounts can read a process's arguments."""
    parts = urlsplit(database_url)
    environment = dict(os.environ)
    if parts.password is None:
        return database_url, environment
    environment["PGPASSWORD"] = unquote(parts.password)
    user = f"{parts.username}@" if parts.username else ""
    host = f"[{parts.hostname}]" if parts.hostname and ":" in parts.hostname else parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit(parts._replace(netloc=f"{user}{host}{port}")), environment


def run(arguments: list[str], environment: dict[str, str] | None = None) -> None:
    finished = subprocess.run(  # noqa: S603 - PostgreSQL's own tools, found on PATH, with our arguments
        arguments, capture_output=True, text=True, check=False, env=environment
    )
    if finished.returncode != 0:
        tool = Path(arguments[0]).name
        raise BackupError(f"{tool} failed (exit {finished.returncode}): {finished.stderr.strip()[-800:]}")
