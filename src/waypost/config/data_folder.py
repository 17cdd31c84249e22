"""The data folder: where the embedded database, the secret key and the fallback pages live."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from cryptography.fernet import Fernet

DEFAULT_DATA_FOLDER = "waypost-data"
SECRET_KEY_FILE_NAME = "secret_key"  # noqa: S105 - a file name, not a secret


def data_folder() -> Path:
    path = Path(os.environ.get("WAYPOST_DATA_DIR", "").strip() or DEFAULT_DATA_FOLDER).resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


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
    """Write a file only its owner can read; one that exists already is kept as it is."""
    if path.exists():
        return
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as private_file:
        private_file.write(text)
