"""The faults, each done and undone while traffic runs, and the timetable that spaces them out."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.faults.cluster import START_SECONDS, Cluster
from benchmarks.faults.processes import Managed, ProcessFailed, wait_until_answering
from benchmarks.faults.traffic import Ledger

RESTART_DELAY_SECONDS = 2.0  # systemd's RestartSec in deploy/systemd
HOLD_WAIT_SECONDS = 60
EVERY_SERVER_DOWN_SECONDS = 3.0


@dataclass(frozen=True)
class FaultWindow:
    name: str
    started: float  # seconds since the run began
    ended: float
    note: str = ""


@dataclass(frozen=True)
class Timetable:
    """When each fault starts (seconds into the run) and how long the timed ones last."""

    seconds: float
    kill_app_server_at: float
    kill_worker_at: float
    restart_postgres_at: float
    stop_redis_at: float
    redis_down_seconds: float
    refuse_mail_at: float
    mail_refused_seconds: float
    kill_every_app_server_at: float

    @classmethod
    def spread_over(cls, seconds: float, *, redis_down: float = 20, mail_refused: float = 30) -> Timetable:
        return cls(
            seconds=seconds,
            kill_app_server_at=0.1 * seconds,
            kill_worker_at=0.25 * seconds,
            restart_postgres_at=0.4 * seconds,
            stop_redis_at=0.55 * seconds,
            redis_down_seconds=redis_down,
            refuse_mail_at=0.7 * seconds,
            mail_refused_seconds=mail_refused,
            kill_every_app_server_at=0.85 * seconds,
        )


def kill_app_server(cluster: Cluster) -> str:
    victim = cluster.apps[0]
    cluster.held_down.add(victim.name)
    try:
        victim.kill()
        time.sleep(RESTART_DELAY_SECONDS)
        victim.start()
        wait_until_answering(victim.base_url + "/urgent", seconds=START_SECONDS, process=victim)
    finally:
        cluster.held_down.discard(victim.name)
    return f"{victim.name} SIGKILLed and started again"


def kill_every_app_server(cluster: Cluster) -> str:
    """No app server at all for a few seconds: only nginx's fallback can answer /urgent."""
    cluster.held_down.update(app.name for app in cluster.apps)
    try:
        for app in cluster.apps:
            app.kill()
        time.sleep(EVERY_SERVER_DOWN_SECONDS)
        for app in cluster.apps:
            app.start()
        for app in cluster.apps:
            wait_until_answering(app.base_url + "/urgent", seconds=START_SECONDS, process=app)
    finally:
        cluster.held_down.clear()
    return f"all {len(cluster.apps)} app servers SIGKILLed, started again after {EVERY_SERVER_DOWN_SECONDS:.0f} s"


def kill_worker_mid_delivery(cluster: Cluster) -> str:
    """Hold the next message at the SMTP server before its "250", kill the worker sending it, then let go."""
    handler = cluster.smtp.handler
    handler.is_holding.clear()
    handler.release.clear()
    handler.should_hold_next.set()
    if not handler.is_holding.wait(HOLD_WAIT_SECONDS) or handler.held is None:
        handler.should_hold_next.clear()
        return "no message was being sent: no worker killed"
    victim = worker_holding(cluster.workers, process_on_port(handler.held.client_port))
    if victim is None:
        handler.release.set()
        return "the held connection's worker was not found: no worker killed"
    cluster.held_down.add(victim.name)
    try:
        victim.kill()
        handler.release.set()
        time.sleep(RESTART_DELAY_SECONDS)
        victim.start()
    finally:
        cluster.held_down.discard(victim.name)
    return f"{victim.name} SIGKILLed while the SMTP server held its message"


def restart_postgres(cluster: Cluster) -> str:
    cluster.postgres.restart()
    return "pg_ctl restart -m fast"


def stop_redis(cluster: Cluster, seconds: float) -> str:
    cluster.redis.stop()
    time.sleep(seconds)
    cluster.redis.start()
    return f"redis-server stopped for {seconds:.0f} s"


def refuse_mail(cluster: Cluster, seconds: float) -> str:
    handler = cluster.smtp.handler
    before = handler.refused
    handler.is_refusing.set()
    time.sleep(seconds)
    handler.is_refusing.clear()
    return f"SMTP answered 451 for {seconds:.0f} s ({handler.refused - before} recipients refused)"


def worker_holding(workers: list[Managed], pid: int | None) -> Managed | None:
    return next((worker for worker in workers if pid is not None and pid in worker.pids()), None)


def process_on_port(local_port: int) -> int | None:
    """The process whose TCP socket on loopback has this local port (from /proc, as `ss -p` finds it)."""
    inode = socket_inode(local_port)
    if inode is None:
        return None
    target = f"socket:[{inode}]"
    for descriptors in Path("/proc").glob("[0-9]*/fd"):
        try:
            if any(os.readlink(descriptor) == target for descriptor in descriptors.iterdir()):
                return int(descriptors.parent.name)
        except OSError:
            continue
    return None


def socket_inode(local_port: int) -> str | None:
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].split(":")[1], 16) == local_port:
            return fields[9]
    return None


def run_timetable(cluster: Cluster, ledger: Ledger, timetable: Timetable) -> list[FaultWindow]:
    steps: list[tuple[float, str, Callable[[], str]]] = [
        (timetable.kill_app_server_at, "app server killed", lambda: kill_app_server(cluster)),
        (timetable.kill_worker_at, "worker killed mid-delivery", lambda: kill_worker_mid_delivery(cluster)),
        (timetable.restart_postgres_at, "PostgreSQL restarted", lambda: restart_postgres(cluster)),
        (timetable.stop_redis_at, "Redis stopped", lambda: stop_redis(cluster, timetable.redis_down_seconds)),
        (timetable.refuse_mail_at, "SMTP refusing", lambda: refuse_mail(cluster, timetable.mail_refused_seconds)),
        (timetable.kill_every_app_server_at, "every app server killed", lambda: kill_every_app_server(cluster)),
    ]
    windows = []
    for at, name, fault in steps:
        time.sleep(max(0.0, at - ledger.now()))
        started = ledger.now()
        try:
            note = fault()
        except ProcessFailed as error:
            note = f"failed: {error}"
        windows.append(FaultWindow(name, started, ledger.now(), note))
    time.sleep(max(0.0, timetable.seconds - ledger.now()))
    return windows
