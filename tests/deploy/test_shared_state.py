"""Nothing a visitor's next request depends on is kept in one server's memory or folder: requests alternated between
two `waypost serve` processes (each with its own data folder, one database) see the same session, the same contact
rate limit and the same sign-in lockout. On PostgreSQL when the suite runs on it, else on one SQLite file."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from benchmarks.faults.visitor import FIRST_QUESTION, Visitor, csrf_token
from benchmarks.harness import temporary_postgres_database
from cryptography.fernet import Fernet

from tests.servers import clean_environment, running_waypost
from waypost.instruments.terminology import NO

REPOSITORY = Path(__file__).resolve().parents[2]
CONTACT_LIMIT = 2
LOCKOUT_FAILURES = 2


@dataclass(frozen=True)
class TwoServers:
    first: str
    second: str


@contextmanager
def shared_database(folder: Path) -> Iterator[str]:
    suite_database = os.environ.get("DATABASE_URL", "")
    if not suite_database.startswith("postgres"):
        yield f"sqlite:///{folder / 'shared.sqlite3'}"
        return
    server, database = suite_database.rsplit("/", 1)
    # Beside the suite's own test database, named after it and this process (parallel workers may each make one);
    # made and dropped from the maintenance database
    name = f"test_{database}_shared_state_{os.getpid()}"
    with temporary_postgres_database(name, f"{server}/postgres") as url:
        yield url


def shared_settings(database_url: str) -> dict[str, str]:
    """What every server of one site shares: the database and the keys (deploy/waypost.env.example)."""
    return {
        "DATABASE_URL": database_url,
        "WAYPOST_SECRET_KEY": Fernet.generate_key().decode(),
        "WAYPOST_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "WAYPOST_BLIND_INDEX_KEY": Fernet.generate_key().decode(),
        "WAYPOST_HTTPS": "false",
        "WAYPOST_LOG_LEVEL": "warning",
        "WAYPOST_CONTACT_RATE_LIMIT_PER_HOUR": str(CONTACT_LIMIT),
        "WAYPOST_SIGN_IN_LOCKOUT_FAILURES": str(LOCKOUT_FAILURES),
    }


@pytest.fixture(scope="module")
def two_servers() -> Iterator[TwoServers]:
    with tempfile.TemporaryDirectory(prefix="waypost-shared-") as name, ExitStack() as stack:
        folder = Path(name)
        shared = shared_settings(stack.enter_context(shared_database(folder)))
        first = {**shared, "WAYPOST_DATA_DIR": str(folder / "first")}
        migrate = [sys.executable, "-m", "waypost", "manage", "migrate", "--noinput", "-v", "0"]
        subprocess.run(migrate, env=clean_environment(first), cwd=REPOSITORY, check=True)
        servers = [
            stack.enter_context(
                running_waypost(
                    ["serve", "--workers", "1"],
                    environment={**shared, "WAYPOST_DATA_DIR": str(folder / data)},
                    cwd=REPOSITORY,
                )
            )
            for data in ("first", "second")
        ]
        yield TwoServers(servers[0].base_url, servers[1].base_url)


def test_a_self_check_walked_across_two_servers_keeps_its_session(two_servers: TwoServers) -> None:
    visitor = Visitor()
    first_page = visitor.get(two_servers.first + FIRST_QUESTION)

    answered = visitor.post_form(
        two_servers.second + FIRST_QUESTION, {"csrfmiddlewaretoken": csrf_token(first_page.body), "answer": NO}
    )
    next_page = visitor.get(two_servers.first + answered.location)
    again = visitor.get(two_servers.second + FIRST_QUESTION)

    assert answered.status == 302
    assert answered.location.startswith("/check/question/")
    assert answered.location != FIRST_QUESTION
    assert next_page.status == 200  # not sent to /check/expired: the first server read the second one's session
    assert f'value="{NO}" checked' in again.body


def referral(visitor: Visitor, base_url: str) -> int:
    body = {
        "for_whom": "self",
        "contact_methods": ["email"],
        "email": "someone@example.org",
        "best_times": ["any-time"],
        "consent": True,
    }
    return visitor.post_json(f"{base_url}/api/referrals", body, headers={"Idempotency-Key": uuid.uuid4().hex}).status


def test_the_contact_rate_limit_counts_requests_sent_to_either_server(two_servers: TwoServers) -> None:
    visitor = Visitor()

    statuses = [referral(visitor, base_url) for base_url in (two_servers.first, two_servers.second, two_servers.first)]

    assert statuses == [201, 201, 429]


def test_sign_in_lockout_counts_wrong_passwords_at_either_server(two_servers: TwoServers) -> None:
    visitor = Visitor()
    token = csrf_token(visitor.get(two_servers.first + "/staff/login").body)
    fields = {"csrfmiddlewaretoken": token, "username": "shared-lockout", "password": "not the password at all"}

    statuses = [
        visitor.post_form(base_url + "/staff/login", fields).status
        for base_url in (two_servers.first, two_servers.second, two_servers.first)
    ]

    assert statuses == [200, 200, 429]
