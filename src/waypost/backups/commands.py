"""What `waypost backup`, `waypost backup-keys` and `waypost restore` do, step by step, and what they say."""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Callable
from pathlib import Path

from waypost.backups import keys as backup_keys
from waypost.backups.errors import BackupError
from waypost.backups.manifest import Manifest, file_sha256, read_manifest, verified_database_file, write_manifest
from waypost.backups.postgresql import (
    DUMP_FILE_NAME,
    back_up_postgresql,
    check_dump,
    require_tool,
    restore_postgresql,
)
from waypost.backups.sqlite import BACKUP_FILE_NAME, back_up_sqlite, check_integrity, has_tables, restore_sqlite
from waypost.config.data_folder import PRIVATE_FOLDER_MODE, data_folder_path

Say = Callable[[str], None]
SQLITE = "sqlite"
POSTGRESQL = "postgresql"
UNREADABLE_EXIT_CODE = 3
KEEP_KEYS_APART = (
    "Keep the keys safe and apart from the backup (`waypost backup-keys PATH` writes them to a folder of their own)."
)


def new_empty_folder(path: Path) -> Path:
    """The folder a backup goes into: made here, or one that exists and is empty, never one with files in it."""
    path = path.expanduser().resolve()
    if path.exists() and not path.is_dir():
        raise BackupError(f"{path} is a file; give the path of a new folder for the backup")
    if path.is_dir() and any(path.iterdir()):
        raise BackupError(f"{path} is not empty; give the path of a new or empty folder")
    if not path.parent.is_dir():
        raise BackupError(f"{path.parent} does not exist; create it first or choose another place")
    path.mkdir(mode=PRIVATE_FOLDER_MODE, exist_ok=True)
    return path


def database_engine() -> str:
    from django.conf import settings

    engine = str(settings.DATABASES["default"]["ENGINE"])
    return POSTGRESQL if "postgresql" in engine else SQLITE


def sqlite_path() -> Path:
    from django.conf import settings

    return Path(str(settings.DATABASES["default"]["NAME"]))


def back_up(path: Path, *, with_keys: bool, say: Say) -> int:
    from waypost import __version__
    from waypost.backups.checks import applied_migrations

    engine = database_engine()
    check_can_back_up(engine)
    folder = new_empty_folder(path)
    try:
        database = write_database_copy(engine, folder)
        keys = backup_keys.configured_keys()
        if with_keys:
            backup_keys.write_key_files(folder / backup_keys.KEYS_FOLDER_NAME, keys)
        manifest = backup_manifest(engine, database, keys, applied_migrations(), __version__, with_keys)
        write_manifest(folder, manifest)
    except BaseException:
        # Half a backup must never pass for a whole one
        shutil.rmtree(folder, ignore_errors=True)
        raise
    say(f"Backed up the {engine} database to {database} ({database.stat().st_size:,} bytes; integrity checked).")
    say_what_keys_mean(folder, with_keys=with_keys, say=say)
    return 0


def check_can_back_up(engine: str) -> None:
    """What a backup needs, checked before any folder is made."""
    if engine == POSTGRESQL:
        require_tool("pg_dump")
        require_tool("pg_restore")
    elif not sqlite_path().is_file():
        raise BackupError(f"the database {sqlite_path()} does not exist; nothing to back up")


def write_database_copy(engine: str, folder: Path) -> Path:
    from django.conf import settings

    if engine == SQLITE:
        database = folder / BACKUP_FILE_NAME
        back_up_sqlite(sqlite_path(), database)
    else:
        database = folder / DUMP_FILE_NAME
        back_up_postgresql(settings.DATABASE_URL, database)
        check_dump(database)
    return database


def backup_manifest(
    engine: str, database: Path, keys: dict[str, list[str]], migrations: list[str], version: str, with_keys: bool
) -> Manifest:
    return Manifest(
        engine=engine,
        database_file=database.name,
        sha256=file_sha256(database),
        created_at=datetime.datetime.now(tz=datetime.UTC).isoformat(timespec="seconds"),
        waypost_version=version,
        applied_migrations=migrations,
        keys_included=with_keys,
        key_fingerprints=backup_keys.key_fingerprints(keys),
    )


def say_what_keys_mean(folder: Path, *, with_keys: bool, say: Say) -> None:
    if with_keys:
        say(
            f"The keys are in {folder / backup_keys.KEYS_FOLDER_NAME}: anyone with this backup can read every "
            "person's data in it. Store it encrypted, where only the people who may restore it can reach it."
        )
        return
    say(f"This backup holds NO encryption keys. {backup_keys.UNREADABLE_WITHOUT_KEYS} {KEEP_KEYS_APART}")


def back_up_keys(path: Path, *, say: Say) -> int:
    folder = new_empty_folder(path)
    backup_keys.write_key_files(folder, backup_keys.configured_keys())
    say(
        f"Wrote the encryption keys, the blind-index key and the secret key to {folder}. Without them every backup "
        "is unreadable; with them anyone can read it. Keep them apart from the backups, somewhere only the people "
        "who may restore can reach."
    )
    return 0


def checked_backup(path: Path) -> tuple[Path, Manifest, Path]:
    """Before anything is touched: the folder is a backup, its file is the one it describes, and it is sound."""
    folder = path.expanduser().resolve()
    if not folder.is_dir():
        raise BackupError(f"{folder} is not a folder; give the folder `waypost backup` wrote")
    manifest = read_manifest(folder)
    database = verified_database_file(folder, manifest)
    if manifest.engine == SQLITE:
        check_integrity(database)
    else:
        check_dump(database)
    return folder, manifest, database


def place_restored_keys(folder: Path, keys_folder: Path | None, say: Say) -> None:
    """Before settings load (they create new keys when none are found), put the backup's keys in the data folder."""
    source = keys_folder.expanduser().resolve() if keys_folder else folder / backup_keys.KEYS_FOLDER_NAME
    if keys_folder and not backup_keys.key_files_in(source):
        raise BackupError(f"{source} holds no key files (encryption_keys, blind_index_key, secret_key)")
    if not source.is_dir():
        say(f"This backup holds no keys. {backup_keys.UNREADABLE_WITHOUT_KEYS} Restoring with the keys in use.")
        return
    target = data_folder_path()
    target.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    for note in backup_keys.place_keys(source, target):
        say(note)


def restore(folder: Path, manifest: Manifest, database: Path, *, force: bool, say: Say) -> int:
    engine = database_engine()
    refuse_what_cannot_be_restored(manifest, engine, force=force)
    copy_backup_in(engine, database, replace=force)
    made = f"made {manifest.created_at} by Waypost {manifest.waypost_version}"
    say(f"Restored the {engine} database from {folder} ({made}).")
    migrate_if_older(say)
    return report_readability(manifest, say)


def refuse_what_cannot_be_restored(manifest: Manifest, engine: str, *, force: bool) -> None:
    from waypost.backups.checks import migrations_unknown_here

    if engine != manifest.engine:
        raise BackupError(
            f"this is a {manifest.engine} backup and the database in use is {engine}; see docs/backups.md"
        )
    newer = migrations_unknown_here(manifest.applied_migrations)
    if newer:
        raise BackupError(f"this backup is from a newer release (it has {', '.join(newer[:3])}); install that release")
    refuse_to_overwrite(engine, force=force)


def copy_backup_in(engine: str, database: Path, *, replace: bool) -> None:
    from django.conf import settings
    from django.db import connection

    # Django reconnects afterwards, so nothing reads the database as it was before the copy
    connection.close()
    if engine == SQLITE:
        restore_sqlite(database, sqlite_path())
    else:
        restore_postgresql(database, settings.DATABASE_URL, replace=replace)


def migrate_if_older(say: Say) -> None:
    from django.core.management import call_command

    from waypost.backups.checks import pending_migrations

    pending = pending_migrations()
    if pending:
        call_command("migrate", interactive=False, verbosity=0)
        say(f"The backup is from an older release: applied {len(pending)} migrations.")


def refuse_to_overwrite(engine: str, *, force: bool) -> None:
    from django.db import connection

    is_empty = not has_tables(sqlite_path()) if engine == SQLITE else not connection.introspection.table_names()
    if not is_empty and not force:
        raise BackupError("the database in use is not empty; restoring would replace it. Add --force to replace it")


def report_readability(manifest: Manifest, say: Say) -> int:
    from waypost.backups.checks import sample_decryption

    sample = sample_decryption()
    mismatched = backup_keys.mismatched_fingerprints(
        manifest.key_fingerprints, backup_keys.key_fingerprints(backup_keys.configured_keys())
    )
    if "secret_key" in mismatched:
        say("The secret key differs from the backup's: everyone signed in must sign in again.")
    if sample.is_readable and "blind_index_key" not in mismatched:
        if sample.checked:
            say(f"Checked {sample.checked} encrypted values: the keys in use open all of them.")
        else:
            say("The restored database holds no encrypted values yet, so there was nothing to decrypt.")
        return 0
    if not sample.is_readable:
        say(
            f"{sample.unreadable} of {sample.checked} encrypted values CANNOT be decrypted with the keys in use "
            f"({', '.join(sample.unreadable_columns)}). {backup_keys.UNREADABLE_WITHOUT_KEYS} Restore again with the "
            "keys the backup was made with (--keys PATH), after moving the data folder's own key files away."
        )
    if "blind_index_key" in mismatched:
        say(
            "The blind-index key differs from the backup's: repeat requests, idempotency keys and API tokens "
            "will not be recognised. Restore again with the keys the backup was made with (--keys PATH)."
        )
    return UNREADABLE_EXIT_CODE
