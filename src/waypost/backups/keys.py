"""The keys a backup needs: written out only when asked, placed in a data folder on restore, compared by fingerprint.

The key files have the names and one-key-a-line layout of the data folder's own (waypost/config/data_folder.py), so
a restored data folder is used as it is. A fingerprint is a one-way hash: it tells keys apart without revealing them.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from django.conf import settings

from waypost.backups.errors import BackupError
from waypost.config.data_folder import PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE

KEYS_FOLDER_NAME = "keys"
ENVIRONMENT_NAMES = {
    "encryption_keys": "WAYPOST_ENCRYPTION_KEYS",
    "blind_index_key": "WAYPOST_BLIND_INDEX_KEY",
    "secret_key": "WAYPOST_SECRET_KEY",
}
UNREADABLE_WITHOUT_KEYS = (
    "A backup without its encryption keys is unreadable: the personal data in it cannot be decrypted by anyone, you "
    "included."
)


def configured_keys() -> dict[str, list[str]]:
    """The keys this process runs with, from the environment or the data folder's files, by key file name."""
    return {
        "encryption_keys": list(settings.ENCRYPTION_KEYS),
        "blind_index_key": [settings.BLIND_INDEX_KEY],
        "secret_key": [settings.SECRET_KEY],
    }


def fingerprint(key: str) -> str:
    return hashlib.sha256(f"waypost key fingerprint\x00{key}".encode()).hexdigest()[:16]


def key_fingerprints(keys: dict[str, list[str]]) -> dict[str, list[str]]:
    return {name: [fingerprint(key) for key in values] for name, values in keys.items()}


def write_key_files(folder: Path, keys: dict[str, list[str]]) -> None:
    folder.mkdir(mode=PRIVATE_FOLDER_MODE, exist_ok=True)
    for name, values in keys.items():
        write_private_file(folder / name, "".join(f"{value}\n" for value in values))


def write_private_file(path: Path, text: str) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    with os.fdopen(descriptor, "w", encoding="utf-8") as private_file:
        private_file.write(text)


def key_files_in(folder: Path) -> dict[str, Path]:
    return {name: folder / name for name in ENVIRONMENT_NAMES if (folder / name).is_file()}


def place_keys(keys_folder: Path, data_folder: Path) -> list[str]:
    """Copy key files into the data folder; never replace a different key already there."""
    notes = []
    for name, source in key_files_in(keys_folder).items():
        target = data_folder / name
        text = source.read_text(encoding="utf-8")
        if target.exists() and key_lines(target.read_text(encoding="utf-8")) != key_lines(text):
            raise BackupError(
                f"{target} already holds a different key; move it away (keep it if any data still needs it), "
                "then restore again"
            )
        if not target.exists():
            write_private_file(target, text)
            notes.append(f"Restored {name} into {data_folder}.")
        if is_set_in_environment(ENVIRONMENT_NAMES[name]):
            notes.append(f"{ENVIRONMENT_NAMES[name]} is set, so it is used instead of the restored {name} file.")
    return notes


def key_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def is_set_in_environment(name: str) -> bool:
    return bool(os.environ.get(name, "").strip() or os.environ.get(f"{name}_FILE", "").strip())


def mismatched_fingerprints(recorded: dict[str, list[str]], current: dict[str, list[str]]) -> list[str]:
    """Key files whose keys in use differ from the backup's: every backup key must still be configured."""
    return [name for name, prints in recorded.items() if not set(prints) <= set(current.get(name, []))]
