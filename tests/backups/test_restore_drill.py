"""The restore drill: data written through a running server, backed up while it runs, wiped, restored and read back.

Every step is the `waypost` command an operator runs, in processes of their own, as docs/backups.md describes.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

from tests.conftest import STAFF_PASSWORD
from tests.servers import clean_environment, running_waypost, waypost_command
from tests.upgrade.test_previous_release import EXPECTED, PREVIOUS_RELEASE, data_folder_with_keys
from tests.upgrade.test_previous_release import READ_BACK as PREVIOUS_READ_BACK
from waypost.backups.manifest import file_sha256

REQUEST = {
    "for_whom": "self",
    "name": "Robin Restored",
    "contact_methods": ["text"],
    "phone": "+44 7911 123456",
    "best_times": ["any-time"],
    "help_with": "Please text first; my flatmate reads my post",
    "consent": True,
}
STAFF = ["--username", "drill-worker", "--email", "drill@example.org", "--organisation", "drill-org"]

READ_BACK = """
import json
from django.contrib.auth import get_user_model
from waypost.intake.models import ContactRequest
requests = list(ContactRequest.objects.order_by("pk"))
staff = get_user_model().objects.get(username="drill-worker")
print(json.dumps({
    "names": [r.name for r in requests],
    "phones": [r.phone for r in requests],
    "help_with": [r.help_with for r in requests],
    "password_works": staff.check_password(PASSWORD),
}))
""".replace("PASSWORD", repr(STAFF_PASSWORD))


def waypost(environment: dict[str, str], *arguments: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*waypost_command(), *arguments],
        env=clean_environment(environment),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def succeeded(environment: dict[str, str], *arguments: str, stdin: str = "") -> str:
    finished = waypost(environment, *arguments, stdin=stdin)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    return finished.stdout


def sqlite_environment(folder: Path) -> dict[str, str]:
    return {"WAYPOST_DATA_DIR": str(folder), "WAYPOST_HTTPS": "false", "WAYPOST_WORKERS": "1"}


def prepare_site(environment: dict[str, str]) -> None:
    succeeded(environment, "manage", "migrate", "-v", "0")
    succeeded(environment, "createorg", "drill-org", "--name", "Drill", "--kind", "referral-service")
    succeeded(environment, "createstaff", *STAFF, "--role", "admissions", "--password-file", "-", stdin=STAFF_PASSWORD)


def submit_request(base_url: str, key: str) -> int:
    body = json.dumps(REQUEST).encode()
    headers = {"Content-Type": "application/json", "Idempotency-Key": key}
    request = urllib.request.Request(f"{base_url}/api/referrals", data=body, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=60) as response:
        return int(response.status)


def back_up_while_serving(environment: dict[str, str], backup: Path, *options: str) -> str:
    """A request stored through the running server, then the backup taken while that server still runs."""
    with running_waypost(["serve"], environment=environment, cwd=Path(environment["WAYPOST_DATA_DIR"])) as server:
        assert submit_request(server.base_url, "drill-1") == 201
        output = succeeded(environment, "backup", str(backup), *options)
        assert server.process.poll() is None
    return output


def read_back(environment: dict[str, str]) -> dict[str, object]:
    found: dict[str, object] = json.loads(succeeded(environment, "manage", "shell", "-c", READ_BACK).splitlines()[-1])
    return found


def assert_everything_readable(found: dict[str, object]) -> None:
    assert found == {
        "names": ["Robin Restored"],
        "phones": ["+447911123456"],
        "help_with": [REQUEST["help_with"]],
        "password_works": True,
    }


def test_a_backup_taken_while_serving_restores_into_a_fresh_data_folder_and_reads_back(tmp_path: Path) -> None:
    live = sqlite_environment(tmp_path / "live")
    prepare_site(live)
    said = back_up_while_serving(live, tmp_path / "backup", "--with-keys")
    shutil.rmtree(tmp_path / "live")

    fresh = sqlite_environment(tmp_path / "fresh")
    restored = succeeded(fresh, "restore", str(tmp_path / "backup"))

    assert "anyone with this backup can read every person's data" in said
    assert "the keys in use open all of them" in restored
    assert_everything_readable(read_back(fresh))


def test_a_backup_is_a_folder_with_the_database_and_a_manifest_and_no_keys_unless_asked(tmp_path: Path) -> None:
    live = sqlite_environment(tmp_path / "live")
    prepare_site(live)

    said = succeeded(live, "backup", str(tmp_path / "backup"))

    assert sorted(path.name for path in (tmp_path / "backup").iterdir()) == ["manifest.json", "waypost.sqlite3"]
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["keys_included"] is False
    assert "intake.0001_initial" in manifest["applied_migrations"]
    assert "NO encryption keys" in said
    assert "A backup without its encryption keys is unreadable" in said
    assert (tmp_path / "backup").stat().st_mode & 0o777 == 0o700


def test_restoring_without_the_keys_says_plainly_that_the_data_cannot_be_read(tmp_path: Path) -> None:
    live = sqlite_environment(tmp_path / "live")
    prepare_site(live)
    back_up_while_serving(live, tmp_path / "backup")

    finished = waypost(sqlite_environment(tmp_path / "fresh"), "restore", str(tmp_path / "backup"))

    assert finished.returncode == 3
    assert "This backup holds no keys" in finished.stdout
    assert re.search(r"\b(\d+) of \1 encrypted values CANNOT be decrypted with the keys in use", finished.stdout)
    assert "intake_contactrequest.name" in finished.stdout
    assert "The blind-index key differs from the backup's" in finished.stdout


def test_keys_backed_up_on_their_own_restore_the_data_with_the_backup(tmp_path: Path) -> None:
    live = sqlite_environment(tmp_path / "live")
    prepare_site(live)
    back_up_while_serving(live, tmp_path / "backup")
    succeeded(live, "backup-keys", str(tmp_path / "keys"))
    shutil.rmtree(tmp_path / "live")

    fresh = sqlite_environment(tmp_path / "fresh")
    succeeded(fresh, "restore", str(tmp_path / "backup"), "--keys", str(tmp_path / "keys"))

    assert sorted(path.name for path in (tmp_path / "keys").iterdir()) == [
        "blind_index_key",
        "encryption_keys",
        "secret_key",
    ]
    assert_everything_readable(read_back(fresh))


def test_restore_refuses_to_replace_a_database_that_is_not_empty_unless_forced(tmp_path: Path) -> None:
    live = sqlite_environment(tmp_path / "live")
    prepare_site(live)
    succeeded(live, "backup", str(tmp_path / "backup"), "--with-keys")

    refused = waypost(live, "restore", str(tmp_path / "backup"))
    forced = waypost(live, "restore", str(tmp_path / "backup"), "--force")

    assert refused.returncode == 2
    assert refused.stderr == (
        "waypost: the database in use is not empty; restoring would replace it. Add --force to replace it\n"
    )
    assert forced.returncode == 0, forced.stderr


def test_restore_refuses_a_backup_changed_after_it_was_written(tmp_path: Path) -> None:
    live = sqlite_environment(tmp_path / "live")
    prepare_site(live)
    succeeded(live, "backup", str(tmp_path / "backup"), "--with-keys")
    with (tmp_path / "backup" / "waypost.sqlite3").open("r+b") as database:
        database.seek(4096 * 3)
        database.write(b"\xff" * 512)

    finished = waypost(sqlite_environment(tmp_path / "fresh"), "restore", str(tmp_path / "backup"))

    assert finished.returncode == 2
    assert "does not match the checksum in its manifest" in finished.stderr
    assert not (tmp_path / "fresh" / "waypost.sqlite3").exists()


def test_restore_refuses_a_damaged_database_even_when_its_checksum_was_recomputed(tmp_path: Path) -> None:
    live = sqlite_environment(tmp_path / "live")
    prepare_site(live)
    backup = tmp_path / "backup"
    succeeded(live, "backup", str(backup), "--with-keys")
    with (backup / "waypost.sqlite3").open("r+b") as database:
        database.seek(4096 * 3)
        database.write(b"\xff" * 4096)
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["sha256"] = file_sha256(backup / "waypost.sqlite3")
    (backup / "manifest.json").write_text(json.dumps(manifest))

    finished = waypost(sqlite_environment(tmp_path / "fresh"), "restore", str(backup))

    assert finished.returncode == 2
    assert "integrity check" in finished.stderr or "is not a sound SQLite database" in finished.stderr


@pytest.mark.parametrize(
    ("make_target", "message"),
    [
        pytest.param(lambda tmp: tmp / "a-file", "is a file", id="a-file"),
        pytest.param(lambda tmp: tmp / "missing" / "backup", "does not exist", id="no-parent"),
        pytest.param(lambda tmp: tmp / "live", "is not empty", id="not-empty"),
    ],
)
def test_backup_refuses_a_bad_path_with_one_line(tmp_path: Path, make_target: object, message: str) -> None:
    live = sqlite_environment(tmp_path / "live")
    succeeded(live, "manage", "migrate", "-v", "0")
    (tmp_path / "a-file").write_text("")
    assert callable(make_target)
    target: Path = make_target(tmp_path)

    finished = waypost(live, "backup", str(target))

    assert finished.returncode == 2
    assert message in finished.stderr
    assert finished.stderr.count("\n") == 1


def test_a_backup_from_the_previous_release_is_migrated_when_restored(tmp_path: Path) -> None:
    old = data_folder_with_keys(tmp_path)
    with gzip.open(PREVIOUS_RELEASE / "waypost.sqlite3.gz") as packed, (old / "waypost.sqlite3").open("wb") as copy:
        shutil.copyfileobj(packed, copy)
    succeeded(sqlite_environment(old), "backup", str(tmp_path / "backup"), "--with-keys")

    fresh = sqlite_environment(tmp_path / "fresh")
    restored = succeeded(fresh, "restore", str(tmp_path / "backup"))

    assert "The backup is from an older release: applied" in restored
    found = json.loads(succeeded(fresh, "manage", "shell", "-c", PREVIOUS_READ_BACK).splitlines()[-1])
    assert {key: found[key] for key in EXPECTED} == EXPECTED
    assert found["names_readable"]


@pytest.fixture
def postgresql_databases() -> Iterator[tuple[str, str]]:
    """Two databases of this branch's own on the suite's server: the live one and the one restored into."""
    server = urlsplit(os.environ["DATABASE_URL"])
    names = [f"backup_license_{os.getpid()}_live", f"backup_license_{os.getpid()}_fresh"]
    admin = [
        "psql",
        "-q",
        "-v",
        "ON_ERROR_STOP=1",
        "-h",
        server.hostname or "127.0.0.1",
        "-p",
        str(server.port or 5432),
    ]
    admin += ["-U", server.username or "postgres", "-d", "postgres"]
    for name in names:
        subprocess.run([*admin, "-c", f"DROP DATABASE IF EXISTS {name}"], check=True)
        subprocess.run([*admin, "-c", f"CREATE DATABASE {name}"], check=True)
    try:
        live, fresh = (urlunsplit(server._replace(path=f"/{name}")) for name in names)
        yield live, fresh
    finally:
        for name in names:
            subprocess.run([*admin, "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs when the suite runs on PostgreSQL")
def test_the_drill_on_postgresql_with_pg_dump_and_pg_restore(
    tmp_path: Path, postgresql_databases: tuple[str, str]
) -> None:
    live_url, fresh_url = postgresql_databases
    live = {**sqlite_environment(tmp_path / "live"), "DATABASE_URL": live_url}
    prepare_site(live)
    back_up_while_serving(live, tmp_path / "backup", "--with-keys")
    shutil.rmtree(tmp_path / "live")

    fresh = {**sqlite_environment(tmp_path / "fresh"), "DATABASE_URL": fresh_url}
    restored = succeeded(fresh, "restore", str(tmp_path / "backup"))

    assert sorted(path.name for path in (tmp_path / "backup").iterdir()) == ["keys", "manifest.json", "waypost.dump"]
    assert "the keys in use open all of them" in restored
    assert_everything_readable(read_back(fresh))
    assert waypost(fresh, "restore", str(tmp_path / "backup")).returncode == 2
    assert "the keys in use open all of them" in succeeded(fresh, "restore", str(tmp_path / "backup"), "--force")
    assert_everything_readable(read_back(fresh))
