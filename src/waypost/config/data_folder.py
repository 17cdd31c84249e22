"""The data folder: where the embedded database, the secret key and the fallback pages live.

Only the account that runs Waypost may read it. The folder is made 0700 and, when this process owns it, the umask
becomes 077, so everything created in it afterwards (the SQLite database, its -wal and -shm files, which SQLite
gives the database's own mode, and the outbox's messages) is 0600. See docs/adr/0019-private-data-folder.md.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import sqlite3
from pathlib import Path

from cryptography.fernet import Fernet

DEFAULT_DATA_FOLDER = "waypost-data"
SECRET_KEY_FILE_NAME = "secret_key"  # noqa: S105 - a file name, not a secret
PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
PRIVATE_UMASK = 0o077
OPEN_TO_OTHERS = 0o077
DISK_FULL_ERRNOS = (errno.ENOSPC, errno.EDQUOT)
SQLITE_DISK_FULL_MESSAGE = "database or disk is full"


def data_folder_path() -> Path:
    return Path(os.environ.get("WAYPOST_DATA_DIR", "").strip() or DEFAULT_DATA_FOLDER).resolve()


def data_folder() -> Path:
    path = data_folder_path()
    path.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    if path.stat().st_uid == os.geteuid():
        keep_private(path)
    return path


def keep_private(folder: Path) -> None:
    """New files 0600 from now on; the folder, and files an older version left readable by others, tightened."""
    os.umask(PRIVATE_UMASK)
    # A read-only data folder (PostgreSQL, keys from the environment) cannot be tightened, and holds nothing new
    with contextlib.suppress(OSError):
        tighten(folder, PRIVATE_FOLDER_MODE)
        for entry in folder.iterdir():
            if entry.is_file() and not entry.is_symlink():
                tighten(entry, PRIVATE_FILE_MODE)


def tighten(path: Path, mode: int) -> None:
    if path.stat().st_mode & OPEN_TO_OTHERS:
        path.chmod(mode)


def ensure_secret_key_file(folder: Path) -> Path:
    """Create a random secret key once and keep it, so sessions survive a restart."""
    path = folder / SECRET_KEY_FILE_NAME
    create_private_file_once(path, secrets.token_urlsafe(64))
    return path


def ensure_key_file(folder: Path, name: str) -> list[str]:
    """Keys kept one per line in the data folder, created once (first line is the current key)."""
    path = folder / name
    create_private_file_once(path, Fernet.generate_key().decode() + "\n")
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def create_private_file_once(path: Path, text: str) -> None:
    """Write a file only its owner can read; one that exists already is kept as it is.

    The text is written to a temporary file first and then linked into place, so a full disk or a crash never
    leaves an empty key file behind, and two processes starting at once still agree on one key.
    """
    if path.exists():
        return
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.partial")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
        with os.fdopen(descriptor, "w", encoding="utf-8") as private_file:
            private_file.write(text)
            private_file.flush()
            os.fsync(private_file.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def is_disk_full(error: BaseException) -> bool:
    """True if the error, or one it was raised from, is a write refused for want of space or quota."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, OSError) and cause.errno in DISK_FULL_ERRNOS:
            return True
        if isinstance(cause, sqlite3.Error) and SQLITE_DISK_FULL_MESSAGE in str(cause):
            return True
        cause = cause.__cause__ or cause.__context__
    return False
