"""Bad settings stop `waypost` at once with one line naming the variable: never a traceback, never a server
that says it is serving and answers nothing."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.servers import clean_environment, free_port, waypost_command


def run_waypost(arguments: list[str], environment: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*waypost_command(), *arguments],
        cwd=cwd,
        env=clean_environment({"WAYPOST_DATA_DIR": str(cwd / "data"), **environment}),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_workers_that_is_not_a_number_stops_help_with_one_line(tmp_path: Path) -> None:
    result = run_waypost(["--help"], {"WAYPOST_WORKERS": "abc"}, tmp_path)

    assert result.returncode == 2
    assert result.stderr.splitlines() == ["waypost: configuration error: WAYPOST_WORKERS='abc' is not a whole number."]
    assert result.stdout == ""


def test_zero_workers_refuses_to_serve_with_one_line(tmp_path: Path) -> None:
    result = run_waypost(["serve", "--port", str(free_port())], {"WAYPOST_WORKERS": "0"}, tmp_path)

    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "waypost: configuration error: WAYPOST_WORKERS=0 is too small; the lowest allowed value is 1."
    ]
    assert "serving" not in result.stdout


def test_zero_workers_on_the_command_line_is_refused(tmp_path: Path) -> None:
    result = run_waypost(["serve", "--port", str(free_port()), "--workers", "0"], {}, tmp_path)

    assert result.returncode == 2
    assert "--workers: 0 is too small; the lowest allowed value is 1" in result.stderr
    assert "Traceback" not in result.stderr
    assert "serving" not in result.stdout


def test_help_works_with_good_settings(tmp_path: Path) -> None:
    result = run_waypost(["--help"], {"WAYPOST_WORKERS": "3"}, tmp_path)

    assert result.returncode == 0
    assert "serve" in result.stdout


def test_score_needs_no_settings_even_when_one_is_bad(tmp_path: Path) -> None:
    result = run_waypost(["score", "--help"], {"WAYPOST_WORKERS": "abc"}, tmp_path)

    assert "Traceback" not in result.stderr
    assert "WAYPOST_WORKERS" not in result.stderr
