"""Every benchmark loads as a person runs it, `python -m benchmarks.X` from the project folder, with no Django
settings in the environment: each starts its own servers, so nothing may need settings at import time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.servers import clean_environment

REPOSITORY = Path(__file__).resolve().parent.parent
BENCHMARKS = sorted(
    path.stem
    for path in (REPOSITORY / "benchmarks").glob("*.py")
    if path.stem not in {"__init__", "harness", "settings", "urls"}
)


def test_every_benchmark_is_listed() -> None:
    assert {"chat", "pages", "triage", "weight"} <= set(BENCHMARKS)


@pytest.mark.parametrize("name", BENCHMARKS)
def test_the_benchmark_loads_without_settings(name: str) -> None:
    finished = subprocess.run(
        [sys.executable, "-c", f"import benchmarks.{name}"],
        cwd=REPOSITORY,
        env=clean_environment({}),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert finished.returncode == 0, finished.stderr[-2000:]
