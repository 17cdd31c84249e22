"""The folder where gunicorn's worker processes share their metrics, prepared before Django starts.

prometheus_client decides at import whether values live in process memory or in files in PROMETHEUS_MULTIPROC_DIR,
and gunicorn's workers are forked from a process that has already imported it, so the variable must be set before
anything imports it. Files a previous run left behind would be added to the new counts, so they are removed here.
Nothing is prepared, and nothing is written, while WAYPOST_METRICS_TOKEN is unset (docs/adr/0036).
"""

from __future__ import annotations

import os
from pathlib import Path

from waypost.config.data_folder import data_folder
from waypost.config.environment import env_secret

MULTIPROCESS_FOLDER_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
METRICS_TOKEN_VARIABLE = "WAYPOST_METRICS_TOKEN"  # noqa: S105 - the variable's name, not a token


def prepare_metrics_folder(*, port: int) -> Path | None:
    """The folder this server's workers will share, emptied; None when metrics are off."""
    if not env_secret(METRICS_TOKEN_VARIABLE):
        return None
    folder = metrics_folder_for(port)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for leftover in folder.glob("*.db"):
        leftover.unlink()
    os.environ[MULTIPROCESS_FOLDER_VARIABLE] = str(folder)
    return folder


def metrics_folder_for(port: int) -> Path:
    # One folder per port, so two servers on one machine never empty or add up each other's files
    chosen = os.environ.get(MULTIPROCESS_FOLDER_VARIABLE, "").strip()
    return Path(chosen) if chosen else data_folder() / "metrics" / f"port-{port}"


def forget_worker(pid: int) -> None:
    """Called by gunicorn when a worker exits: its live gauges stop counting (its counters are kept)."""
    if os.environ.get(MULTIPROCESS_FOLDER_VARIABLE):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid)  # type: ignore[no-untyped-call]
