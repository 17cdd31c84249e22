"""`waypost demo` points the links in its messages at the address it serves."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from waypost.cli import demo_banner, prepare_demo_environment

SET_BY_THE_DEMO = (
    "DATABASE_URL",
    "WAYPOST_HTTPS",
    "WAYPOST_ALLOWED_HOSTS",
    "WAYPOST_TEAM_ALERT_EMAIL",
    "WAYPOST_BASE_URL",
    "WAYPOST_CHAT_HOURS",
)


@pytest.fixture(autouse=True)
def demo_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Recorded first, so the variables the demo writes are put back after each test
    for name in SET_BY_THE_DEMO:
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    monkeypatch.setenv("WAYPOST_DATA_DIR", str(tmp_path / "data"))


@pytest.mark.parametrize(
    ("host", "port", "expected"),
    [
        ("127.0.0.1", 8000, "http://127.0.0.1:8000"),
        ("0.0.0.0", 8123, "http://127.0.0.1:8123"),  # noqa: S104  (the demo's "every address")
        ("::", 8123, "http://127.0.0.1:8123"),
        ("::1", 9000, "http://[::1]:9000"),
        ("demo.local", 8080, "http://demo.local:8080"),
    ],
)
def test_the_demo_sets_the_base_url_to_the_host_and_port_it_serves(host: str, port: int, expected: str) -> None:
    prepare_demo_environment(host, port)

    assert os.environ["WAYPOST_BASE_URL"] == expected


def test_the_demo_keeps_a_base_url_the_operator_chose(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYPOST_BASE_URL", "https://demo.example.org")

    prepare_demo_environment("127.0.0.1", 8000)

    assert os.environ["WAYPOST_BASE_URL"] == "https://demo.example.org"


def test_the_demo_keeps_chat_open_around_the_clock() -> None:
    prepare_demo_environment("127.0.0.1", 8000)

    assert os.environ["WAYPOST_CHAT_HOURS"] == "always"


def test_the_demo_banner_gives_the_spanish_addresses_too() -> None:
    banner = demo_banner("http://127.0.0.1:8000")

    assert "open http://127.0.0.1:8000/ (Ctrl+C stops it)" in banner
    assert "In Spanish: http://127.0.0.1:8000/es/" in banner
    assert "http://127.0.0.1:8000/us/es/" in banner
    assert "http://127.0.0.1:8000/uk/es/" in banner
