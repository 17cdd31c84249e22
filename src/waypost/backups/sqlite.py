"""SQLite through its online backup API: a consistent copy page by page, safe while the server writes."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from waypost.backups.errors import BackupError

BACKUP_FILE_NAME = "waypost.sqlite3"
PAGES_PER_STEP = 1024  # copied between pauses, so writers are never held up for the whole copy


def back_up_sqlite(source: Path, target: Path) -> None:
    """Copy a live database into a new single file (no -wal beside it), then prove the copy is sound."""
    if not source.is_file():
        raise BackupError(f"the database {source} does not exist; nothing to back up")
    with closing(sqlite3.connect(source)) as live, closing(sqlite3.connect(target)) as copy:
        live.backup(copy, pages=PAGES_PER_STEP)
        # One self-contained file: a backup should not need a -wal file kept beside it
        copy.execute("PRAGMA journal_mode=DELETE")
    check_integrity(target)


def restore_sqlite(source: Path, target: Path) -> None:
    """Replace the target database's content with the backup's, through the same API (it handles -wal files)."""
    with closing(sqlite3.connect(source)) as backup, closing(sqlite3.connect(target)) as live:
        backup.backup(live, pages=PAGES_PER_STEP)


def check_integrity(path: Path) -> None:
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as database:
            findings = [row[0] for row in database.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a sound SQLite database ({error})") from None
    if findings != ["ok"]:
        raise BackupError(f"{path} failed SQLite's integrity check: {'; '.join(findings[:5])}")


def has_tables(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return False
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as database:
        (tables,) = database.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()
    return int(tables) > 0
