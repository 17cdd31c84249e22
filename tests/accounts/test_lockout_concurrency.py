"""Twenty wrong passwords sent at once: the limit holds, because each attempt is counted before it is checked.

On PostgreSQL the requests run in the test's own live server, one connection per thread; on SQLite, where the
test database is a single shared in-memory connection, they go to a real `waypost serve` (several workers and
threads) on a database file of its own. Both are real concurrency against the database the suite runs on.
"""

from __future__ import annotations

import re
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import STAFF_PASSWORD
from tests.servers import clean_environment, running_waypost, waypost_command

USERNAME = "triage-worker-a"
ATTEMPTS = 20


def run_waypost(arguments: list[str], environment: dict[str, str], stdin: str = "") -> None:
    command = [*waypost_command(), *arguments]
    subprocess.run(command, env=clean_environment(environment), input=stdin, text=True, check=True, timeout=180)


@pytest.fixture
def sign_in_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if connection.vendor == "postgresql":
        request.getfixturevalue("triage_worker_a")
        yield request.getfixturevalue("live_server").url
        return
    environment = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'waypost.sqlite3'}",
        "WAYPOST_DATA_DIR": str(tmp_path),
        "WAYPOST_HTTPS": "false",
        "WAYPOST_WORKERS": "2",
    }
    run_waypost(["manage", "migrate", "-v", "0"], environment)
    run_waypost(["createorg", "organisation-a", "--name", "A", "--kind", "referral-service"], environment)
    staff = ["--username", USERNAME, "--email", "a@example.org", "--organisation", "organisation-a"]
    run_waypost(["createstaff", *staff, "--role", "admissions", "--password-file", "-"], environment, STAFF_PASSWORD)
    with running_waypost(["serve"], environment=environment, cwd=tmp_path) as server:
        yield server.base_url


def csrf_pair(base_url: str) -> tuple[str, str]:
    """The CSRF cookie and the form's token, fetched once and sent with every attempt."""
    with urllib.request.urlopen(base_url + "/staff/login", timeout=30) as response:
        cookie = SimpleCookie(response.headers["Set-Cookie"])["csrftoken"].value
        page = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    return cookie, token.group(1)


def wrong_password(base_url: str, cookie: str, token: str) -> int:
    form = {"csrfmiddlewaretoken": token, "username": USERNAME, "password": "a wrong password, again"}
    attempt = urllib.request.Request(
        base_url + "/staff/login",
        data=urllib.parse.urlencode(form).encode(),
        headers={"Cookie": f"csrftoken={cookie}", "Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(attempt, timeout=120) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@pytest.mark.django_db(transaction=True)
def test_twenty_wrong_passwords_at_once_check_only_five(sign_in_server: str) -> None:
    cookie, token = csrf_pair(sign_in_server)

    with ThreadPoolExecutor(max_workers=ATTEMPTS) as pool:
        statuses = list(pool.map(lambda _: wrong_password(sign_in_server, cookie, token), range(ATTEMPTS)))

    # 200 is the form again with "Enter a correct username and password": the password was checked
    assert sorted(statuses) == [200] * 5 + [429] * 15
