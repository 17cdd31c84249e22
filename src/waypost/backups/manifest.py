"""The manifest beside the database in a backup folder: what was backed up, from which release, and its checksum."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from waypost.backups.errors import BackupError

MANIFEST_FILE_NAME = "manifest.json"
MANIFEST_FORMAT = "waypost-backup"
MANIFEST_VERSION = 1
READ_CHUNK_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Manifest:
    engine: str
    database_file: str
    sha256: str
    created_at: str
    waypost_version: str
    applied_migrations: list[str]
    keys_included: bool
    key_fingerprints: dict[str, list[str]] = field(default_factory=dict)
    format: str = MANIFEST_FORMAT
    format_version: int = MANIFEST_VERSION


def write_manifest(folder: Path, manifest: Manifest) -> None:
    (folder / MANIFEST_FILE_NAME).write_text(json.dumps(asdict(manifest), indent=2) + "\n", encoding="utf-8")


def read_manifest(folder: Path) -> Manifest:
    path = folder / MANIFEST_FILE_NAME
    if not path.is_file():
        raise BackupError(f"{folder} is not a Waypost backup: it has no {MANIFEST_FILE_NAME}")
    try:
        fields = json.loads(path.read_text(encoding="utf-8"))
        manifest = Manifest(**fields)
    except (ValueError, TypeError) as error:
        raise BackupError(f"{path} cannot be read as a Waypost backup manifest ({error})") from None
    if manifest.format != MANIFEST_FORMAT or manifest.format_version != MANIFEST_VERSION:
        raise BackupError(f"{path} is a backup format this release does not know ({manifest.format_version})")
    return manifest


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(READ_CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def verified_database_file(folder: Path, manifest: Manifest) -> Path:
    """The backup's database file, after checking it is the file the manifest describes, unchanged."""
    path = folder / manifest.database_file
    if not path.is_file():
        raise BackupError(f"the backup's database file {path} is missing")
    if file_sha256(path) != manifest.sha256:
        raise BackupError(f"{path} does not match the checksum in its manifest: it was changed or damaged")
    return path
