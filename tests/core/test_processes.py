"""The real `waypost` process: demo start-up, refusing bad settings, serving with the database down."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import time
from pathlib import Path

from tests.servers import clean_environment, free_port, running_waypost, waypost_command

PRODUCTION_SECRET = "a-production-secret-key-that-is-long-and-random-enough-0123456789abcdef"


def run_waypost(arguments: list[str], environment: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*waypost_command(), *arguments],
        cwd=cwd,
        env=clean_environment(environment),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_demo_creates_the_data_folder_and_serves_the_site(tmp_path: Path) -> None:
    with running_waypost(["demo"], environment={}, cwd=tmp_path, ready_path="/healthz") as server:
        home = server.get("/")
        health = server.get("/healthz")
        delivered = wait_for_files(tmp_path / "waypost-data" / "outbox")
        # The demo's messages link to the demo itself, by its whole address
        has_absolute_staff_link = wait_for_text(tmp_path / "waypost-data" / "outbox", f"{server.base_url}/staff/")

    data = tmp_path / "waypost-data"
    assert home.status == 200
    assert "Worried about ketamine?" in home.body
    assert home.headers["Server"] == "gunicorn"
    assert json.loads(health.body) == {"status": "ok"}
    assert (data / "secret_key").stat().st_mode & 0o777 == 0o600
    assert "Call 999 now" in (data / "fallback" / "urgent.html").read_text()
    with sqlite3.connect(data / "waypost.sqlite3") as database:
        assert database.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert delivered, "the demo's worker wrote no messages into the outbox folder"
    assert has_absolute_staff_link, "no message in the demo's outbox links to the demo's staff console"


def wait_for_files(folder: Path, seconds: float = 30) -> list[Path]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = sorted(folder.glob("*")) if folder.exists() else []
        if found:
            return found
        time.sleep(0.5)
    return []


def wait_for_text(folder: Path, text: str, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(text in path.read_text(errors="replace") for path in folder.rglob("*") if path.is_file()):
            return True
        time.sleep(0.5)
    return False


def test_demo_keeps_its_secret_key_across_restarts(tmp_path: Path) -> None:
    environment = {"WAYPOST_DATA_DIR": str(tmp_path / "data")}
    with running_waypost(["demo"], environment=environment, cwd=tmp_path):
        first_key = (tmp_path / "data" / "secret_key").read_text()
    with running_waypost(["demo"], environment=environment, cwd=tmp_path):
        second_key = (tmp_path / "data" / "secret_key").read_text()

    assert first_key == second_key


def test_refuses_to_start_with_a_bad_setting_and_names_it(tmp_path: Path) -> None:
    result = run_waypost(["serve", "--port", str(free_port())], {"WAYPOST_REGION": "mars"}, tmp_path)

    assert result.returncode == 2
    assert "WAYPOST_REGION='mars' is not one of: uk, us" in result.stderr
    assert "Traceback" not in result.stderr


def test_refuses_to_share_a_port_another_server_is_listening_on(tmp_path: Path) -> None:
    with socket.socket() as other_server:
        other_server.bind(("127.0.0.1", 0))
        other_server.listen()
        port = other_server.getsockname()[1]
        result = run_waypost(["serve", "--port", str(port)], {}, tmp_path)

    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_second_demo_on_the_same_port_refuses_to_start(tmp_path: Path) -> None:
    with running_waypost(["demo"], environment={}, cwd=tmp_path) as server:
        port = server.base_url.rsplit(":", 1)[1]
        second = run_waypost(["demo", "--port", port], {"WAYPOST_DATA_DIR": str(tmp_path / "second")}, tmp_path)

    assert second.returncode == 2
    assert "is another server already running there?" in second.stderr


def test_deploy_check_is_clean_with_production_settings(tmp_path: Path) -> None:
    environment = {
        "WAYPOST_SECRET_KEY": PRODUCTION_SECRET,
        "WAYPOST_ALLOWED_HOSTS": "help.example.org",
        "WAYPOST_BASE_URL": "https://help.example.org",
        "WAYPOST_DATA_DIR": str(tmp_path),
        "WAYPOST_EMAIL_BACKEND": "smtp",
        "WAYPOST_SMS_BACKEND": "twilio",
    }

    result = run_waypost(["manage", "check", "--deploy", "--fail-level", "WARNING"], environment, tmp_path)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_check_warns_when_messages_would_only_be_written_to_files(tmp_path: Path) -> None:
    environment = {"WAYPOST_SECRET_KEY": PRODUCTION_SECRET, "WAYPOST_DATA_DIR": str(tmp_path)}

    result = run_waypost(["manage", "check", "--deploy", "--fail-level", "WARNING"], environment, tmp_path)

    assert result.returncode == 1
    assert "waypost.W001" in result.stderr
    assert "waypost.W002" in result.stderr


def test_deploy_check_fails_when_links_in_messages_would_point_at_this_machine(tmp_path: Path) -> None:
    environment = {"WAYPOST_SECRET_KEY": PRODUCTION_SECRET, "WAYPOST_DATA_DIR": str(tmp_path)}

    result = run_waypost(["manage", "check", "--deploy"], environment, tmp_path)

    assert result.returncode == 1
    assert "waypost.E001" in result.stderr
    assert "Set WAYPOST_BASE_URL" in result.stderr


def test_deploy_check_warns_when_links_in_messages_use_plain_http(tmp_path: Path) -> None:
    environment = {
        "WAYPOST_SECRET_KEY": PRODUCTION_SECRET,
        "WAYPOST_DATA_DIR": str(tmp_path),
        "WAYPOST_BASE_URL": "http://help.example.org",
    }

    result = run_waypost(["manage", "check", "--deploy", "--fail-level", "WARNING"], environment, tmp_path)

    assert result.returncode == 1
    assert "waypost.W003" in result.stderr
    assert "waypost.E001" not in result.stderr


def test_urgent_help_is_served_when_postgresql_is_unreachable(tmp_path: Path) -> None:
    closed_port = free_port()
    environment = {
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{closed_port}/waypost",
        "WAYPOST_HTTPS": "false",
        "WAYPOST_DATA_DIR": str(tmp_path),
    }
    with running_waypost(["serve"], environment=environment, cwd=tmp_path) as server:
        urgent = server.get("/urgent")
        health = server.get("/healthz")
        readiness = server.get("/readyz")
        missing = server.get("/no-such-page")
        home = server.get("/")

    assert urgent.status == 200
    assert "Call 999 now if someone:" in urgent.body
    # Alive, so no orchestrator restarts it, but not ready: the proxy sends database work elsewhere
    assert health.status == 200
    assert readiness.status == 503
    assert json.loads(readiness.body) == {"status": "not ready", "database": "unavailable", "migrations": "unknown"}
    assert missing.status == 404
    assert 'href="/urgent"' in missing.body
    assert home.status == 200


def test_urgent_help_is_served_when_the_sqlite_file_is_corrupt(tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.sqlite3"
    corrupt.write_bytes(b"this is not a database" * 100)
    environment = {
        "DATABASE_URL": f"sqlite:///{corrupt}",
        "WAYPOST_HTTPS": "false",
        "WAYPOST_DATA_DIR": str(tmp_path),
    }
    with running_waypost(["serve"], environment=environment, cwd=tmp_path) as server:
        urgent = server.get("/urgent")
        readiness = server.get("/readyz")

    assert urgent.status == 200
    assert readiness.status == 503
    assert json.loads(readiness.body)["database"] == "unavailable"


def test_manage_runs_any_django_admin_command(tmp_path: Path) -> None:
    result = run_waypost(["manage", "showmigrations", "auth"], {"WAYPOST_DATA_DIR": str(tmp_path)}, tmp_path)

    assert result.returncode == 0, result.stderr
    assert "0001_initial" in result.stdout


def test_hyphenated_word_runs_the_management_command_of_that_name(tmp_path: Path) -> None:
    output = tmp_path / "fallback"
    result = run_waypost(
        ["build-urgent-fallback", "--output", str(output), "--region", "us"],
        {"WAYPOST_DATA_DIR": str(tmp_path)},
        tmp_path,
    )

    assert result.returncode == 0, result.stderr
    assert "Call 911 now if someone:" in (output / "urgent.html").read_text()


def test_score_command_scores_a_response_without_settings_or_database(tmp_path: Path) -> None:
    response = tmp_path / "response.json"
    response.write_text(
        json.dumps(
            {
                "resourceType": "QuestionnaireResponse",
                "status": "completed",
                "item": [{"linkId": "9", "answer": [{"valueCoding": {"code": "LA6569-3"}}]}],
            }
        )
    )

    result = run_waypost(["score", "phq-9", str(response)], {"WAYPOST_REGION": "mars"}, tmp_path)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "questionnaire": "phq-9",
        "total": 1,
        "band": None,
        "band_label": None,
        "complete": False,
        "flags": ["self-harm-thoughts"],
    }


def test_score_command_exits_2_with_one_line_for_an_unknown_questionnaire(tmp_path: Path) -> None:
    result = run_waypost(["score", "no-such-check", "-"], {}, tmp_path)

    assert result.returncode == 2
    assert result.stderr == "waypost score: There is no questionnaire called 'no-such-check'.\n"
