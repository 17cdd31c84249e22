"""The reference deployment's files are whole: what the image copies exists, the compose file names every service,
the systemd units start the right commands, and the nginx site is valid nginx once filled in."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from benchmarks.faults.proxy import Proxy, render_site

REPOSITORY = Path(__file__).resolve().parents[2]
DEPLOY = REPOSITORY / "deploy"
DOCKERFILE = DEPLOY / "container" / "Dockerfile"
COMPOSE = DEPLOY / "container" / "compose.yaml"
COPY_LINE = re.compile(r"^COPY\s+(?!--from=)(.+?)\s+\S+$", re.MULTILINE)


def copied_sources() -> list[str]:
    return [source for match in COPY_LINE.finditer(DOCKERFILE.read_text()) for source in match.group(1).split()]


def test_every_file_the_image_copies_from_the_repository_exists() -> None:
    sources = copied_sources()

    assert "src" in sources
    assert "deploy/nginx/waypost.conf.in" in sources
    assert [source for source in sources if not (REPOSITORY / source).exists()] == []


def test_the_image_has_an_app_stage_and_a_proxy_stage_from_debian_packages_only() -> None:
    text = DOCKERFILE.read_text()

    assert re.findall(r"^FROM (\S+) AS (\w+)$", text, re.MULTILINE) == [
        ("python:3.11-slim-bookworm", "app"),
        ("debian:bookworm-slim", "proxy"),
    ]
    assert "apt-get install -y --no-install-recommends nginx" in text


def test_the_compose_file_runs_the_app_worker_nginx_postgres_and_redis_from_the_repository() -> None:
    compose = yaml.safe_load(COMPOSE.read_text())

    assert {"app", "worker", "nginx", "postgres", "redis"} <= set(compose["services"])
    assert compose["services"]["worker"]["command"] == ["waypost", "worker"]
    build = compose["services"]["app"]["build"]
    assert (COMPOSE.parent / build["context"] / build["dockerfile"]).resolve() == DOCKERFILE


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DEPLOY / "systemd" / name)
    return parser


@pytest.mark.parametrize(
    ("name", "command"),
    [
        ("waypost-serve@.service", "/opt/waypost/venv/bin/waypost serve --host 127.0.0.1 --port %i"),
        ("waypost-worker@.service", "/opt/waypost/venv/bin/waypost worker"),
        ("waypost-stream@.service", "/opt/waypost/venv/bin/waypost stream --host 127.0.0.1 --port %i"),
    ],
)
def test_each_unit_runs_its_command_again_after_a_crash_with_the_shared_settings(name: str, command: str) -> None:
    service = unit(name)["Service"]

    assert service["ExecStart"] == command
    assert service["Restart"] == "always"
    assert service["EnvironmentFile"] == "/etc/waypost/waypost.env"


def test_systemd_accepts_the_units() -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.fail("systemd-analyze is missing: apt-get install systemd")
    units = sorted(str(path) for path in (DEPLOY / "systemd").glob("*.service"))
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *units], capture_output=True, text=True, check=False
    )

    problems = [line for line in result.stderr.splitlines() if "waypost" in line and "not executable" not in line]
    assert problems == [], result.stderr


def test_the_nginx_site_is_valid_nginx_once_filled_in(tmp_path: Path) -> None:
    proxy = Proxy(tmp_path / "nginx", static_root=tmp_path / "static", fallback_root=tmp_path / "fallback")

    proxy.configure([8001, 8002, 8003])  # runs `nginx -t`, which raises on any error

    site = (tmp_path / "nginx" / "waypost.conf").read_text()
    assert "server 127.0.0.1:8001" in site
    assert "server 127.0.0.1:8003" in site


def test_the_site_leaves_no_word_unfilled(tmp_path: Path) -> None:
    site = render_site(listen="80", upstream_ports=[8001], static_root=tmp_path, fallback_root=tmp_path)

    assert re.findall(r"@[A-Z_]+@", site) == []


def test_ci_installs_nginx_when_it_is_missing() -> None:
    ci = (REPOSITORY / ".ci" / "run").read_text()

    assert "[ -x /usr/sbin/nginx ] || missing+=(nginx)" in ci
