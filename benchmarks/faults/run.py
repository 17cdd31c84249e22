"""One fault run from start to verdict, and the one-versus-three app servers throughput comparison."""

from __future__ import annotations

import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.faults.cluster import Cluster, ClusterOptions, running_cluster
from benchmarks.faults.schedule import FaultWindow, Timetable, run_timetable
from benchmarks.faults.traffic import SEARCH_PATH, Traffic
from benchmarks.faults.verdict import Database, Verdict, judge, report_lines
from benchmarks.harness import run_wrk

DRAIN_POLL_SECONDS = 2.0


@dataclass(frozen=True)
class FaultRunOptions:
    timetable: Timetable
    clients: int = 6
    cluster: ClusterOptions = field(default_factory=ClusterOptions)
    # Without progress: long enough for retries after the mail outage and for a killed send's lease to run out
    drain_seconds: float = 120
    scaling_seconds: int = 0  # 0: no throughput comparison


@dataclass(frozen=True)
class FaultRunResult:
    verdict: Verdict
    windows: list[FaultWindow]
    lines: list[str]


def run_faults(options: FaultRunOptions) -> FaultRunResult:
    with (
        tempfile.TemporaryDirectory(prefix="waypost-faults-") as folder,
        running_cluster(Path(folder), options.cluster) as cluster,
    ):
        result = run_under_faults(cluster, options)
        if options.scaling_seconds:
            result.lines.extend(compare_scaling(cluster, seconds=options.scaling_seconds))
        return result


def run_under_faults(cluster: Cluster, options: FaultRunOptions) -> FaultRunResult:
    traffic = Traffic(cluster.proxy.base_url, options.clients)
    traffic.start()
    try:
        try:
            windows = run_timetable(cluster, traffic.ledger, options.timetable)
        finally:
            traffic.stop()
        database = drained_database(cluster, seconds=options.drain_seconds)
    finally:
        traffic.stop_probe_too()
    verdict = judge(traffic.ledger, database, cluster.smtp.handler.received())
    return FaultRunResult(verdict, windows, report_lines(verdict, windows, traffic.ledger, cluster.unexpected_exits))


def drained_database(cluster: Cluster, *, seconds: float) -> Database:
    """The database once no message is waiting or being sent; a backlog the workers are still working through is
    waited for, and only `seconds` without any progress end the wait (then what is left counts as lost)."""
    fewest_unfinished: int | None = None
    last_progress = time.monotonic()
    while True:
        database = Database.from_json(cluster.database_contents())
        unfinished = database.unfinished_messages()
        if unfinished == 0:
            return database
        if fewest_unfinished is None or unfinished < fewest_unfinished:
            fewest_unfinished, last_progress = unfinished, time.monotonic()
        elif time.monotonic() - last_progress > seconds:
            return database
        time.sleep(DRAIN_POLL_SECONDS)


def compare_scaling(cluster: Cluster, *, seconds: int) -> list[str]:
    """Directory searches through nginx with one app server, then all of them, per core of this machine."""
    cores = os.cpu_count() or 1
    lines = [f"throughput of {SEARCH_PATH} through nginx, {cores} cores, load {load_average()} at start"]
    for count in (1, len(cluster.apps)):
        cluster.proxy.reload([app.port for app in cluster.apps[:count]])
        time.sleep(1)
        run_wrk(cluster.proxy.base_url + SEARCH_PATH, seconds=2, connections=16)  # warm up
        output = run_wrk(cluster.proxy.base_url + SEARCH_PATH, seconds=seconds, connections=16)
        found = re.search(r"Requests/sec:\s+([\d.]+)", output)
        per_second = float(found.group(1)) if found else float("nan")
        lines.append(
            f"{count} app server(s): {per_second:.0f} requests/s, {per_second / cores:.0f} per core "
            f"(load {load_average()})"
        )
    cluster.proxy.reload([app.port for app in cluster.apps])
    return lines


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])
