"""Everything a fault run starts, in one temporary folder: PostgreSQL, Redis, an SMTP server, Waypost's app servers
and workers, and nginx in front; stopped in reverse order whatever happens."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.fernet import Fernet
from tests.servers import PORT_TAKEN, START_ATTEMPTS, free_port

from benchmarks.faults.mail import RunningSmtp, faulty_smtp_server
from benchmarks.faults.processes import (
    REPOSITORY,
    Managed,
    PostgresCluster,
    ProcessFailed,
    RedisServer,
    WaypostProcess,
    app_command,
    app_server,
    outbox_worker,
    run_checked,
    wait_until_answering,
)
from benchmarks.faults.proxy import Proxy, install_fallback

SUPERVISOR_SECONDS = 0.5
START_SECONDS = 120  # a loaded two-core machine can take long to import Django three times at once


@dataclass(frozen=True)
class ClusterOptions:
    app_servers: int = 3
    workers: int = 2
    # Seconds before a killed worker's rows are taken back: above the time any one send here takes
    lease_seconds: int = 20


def waypost_environment(
    folder: Path, *, database_url: str, smtp_port: int, redis_url: str, lease_seconds: int
) -> dict[str, str]:
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("WAYPOST_", "DJANGO_")) and name != "DATABASE_URL"
    }
    return {
        **inherited,
        "PYTHONPATH": str(REPOSITORY),
        "DJANGO_SETTINGS_MODULE": "waypost.config.settings",
        "DATABASE_URL": database_url,
        "WAYPOST_DATA_DIR": str(folder / "data"),
        # Shared by every server, as deploy/waypost.env.example asks, so no server generates its own
        "WAYPOST_SECRET_KEY": Fernet.generate_key().decode(),
        "WAYPOST_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "WAYPOST_BLIND_INDEX_KEY": Fernet.generate_key().decode(),
        "WAYPOST_HTTPS": "false",
        "WAYPOST_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WAYPOST_BASE_URL": "http://127.0.0.1",
        "WAYPOST_LOG_LEVEL": "warning",
        "WAYPOST_DATABASE_CONNECT_TIMEOUT_SECONDS": "2",
        # Every client is 127.0.0.1 behind nginx: the hourly limit would stop the run, not protect anyone
        "WAYPOST_CONTACT_RATE_LIMIT_PER_HOUR": "1000000",
        "WAYPOST_TRUST_X_FORWARDED_FOR": "true",
        "WAYPOST_EMAIL_BACKEND": "smtp",
        "WAYPOST_SMTP_HOST": "127.0.0.1",
        "WAYPOST_SMTP_PORT": str(smtp_port),
        "WAYPOST_SMTP_USE_TLS": "false",
        "WAYPOST_SMTP_FROM": "Fault run <no-reply@fault-run.example.org>",
        "WAYPOST_TEAM_ALERT_EMAIL": "team@fault-run.example.org",
        # Refused mail comes back within seconds, so the run sees it delivered before it ends
        "WAYPOST_OUTBOX_FIRST_RETRY_SECONDS": "1",
        "WAYPOST_OUTBOX_LONGEST_RETRY_SECONDS": "4",
        "WAYPOST_OUTBOX_MAX_ATTEMPTS": "1000",
        "WAYPOST_OUTBOX_LEASE_SECONDS": str(lease_seconds),
        # Not read by Waypost yet; passed so that features using Redis meet the fault too
        "WAYPOST_REDIS_URL": redis_url,
    }


@dataclass
class Cluster:
    folder: Path
    environment: Mapping[str, str]
    postgres: PostgresCluster
    redis: RedisServer
    smtp: RunningSmtp
    proxy: Proxy
    apps: list[WaypostProcess] = field(default_factory=list)
    workers: list[Managed] = field(default_factory=list)
    held_down: set[str] = field(default_factory=set)
    unexpected_exits: list[str] = field(default_factory=list)
    stop_supervising: threading.Event = field(default_factory=threading.Event)

    def supervise(self) -> None:
        """Start again whatever exits unasked, as systemd's Restart=always does, and remember that it did."""
        while not self.stop_supervising.wait(SUPERVISOR_SECONDS):
            for process in [*self.apps, *self.workers]:
                if process.name not in self.held_down and not process.is_running():
                    self.unexpected_exits.append(process.name)
                    process.start()

    def manage(self, *arguments: str) -> None:
        run_checked(
            [sys.executable, "-m", "waypost", "manage", *arguments], environment=self.environment, cwd=REPOSITORY
        )

    def database_contents(self) -> str:
        command = [sys.executable, "-m", "benchmarks.faults.inspect_database"]
        result = subprocess.run(
            command, env=dict(self.environment), cwd=REPOSITORY, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(f"reading the database failed:\n{result.stderr}")
        return result.stdout


def prepare_files(cluster: Cluster) -> None:
    """What waypost-prepare.service does: migrate, static files for nginx, the urgent-help fallback."""
    cluster.manage("migrate", "--noinput", "-v", "0")
    collect = [sys.executable, str(REPOSITORY / "deploy" / "collect_static.py"), str(cluster.proxy.static_root)]
    run_checked(collect, environment=cluster.environment, cwd=REPOSITORY)
    cluster.manage("build_urgent_fallback", "--output", str(cluster.proxy.fallback_root))
    install_fallback(cluster.proxy.fallback_root)


def start_waypost(cluster: Cluster, options: ClusterOptions) -> None:
    logs = cluster.folder / "logs"
    logs.mkdir(exist_ok=True)
    cluster.apps = [app_server(index, cluster.environment, logs) for index in range(1, options.app_servers + 1)]
    cluster.workers = [outbox_worker(index, cluster.environment, logs) for index in range(1, options.workers + 1)]
    for process in [*cluster.apps, *cluster.workers]:
        process.start()
    for app in cluster.apps:
        answering_on_a_free_port(app)


def answering_on_a_free_port(app: WaypostProcess) -> None:
    """A port found free can still be taken before the server binds it, by a server another test worker starts on
    the same port: the server then says so and exits, and starts again on another port."""
    attempts_left = START_ATTEMPTS
    while True:
        try:
            wait_until_answering(app.base_url + "/urgent", seconds=START_SECONDS, process=app)
            return
        except ProcessFailed:
            attempts_left -= 1
            if not attempts_left or PORT_TAKEN not in app.latest_log():
                raise
        app.port = free_port()
        app.command = app_command(app.port)
        app.start()


@contextmanager
def running_cluster(folder: Path, options: ClusterOptions) -> Iterator[Cluster]:
    folder.chmod(0o755)  # nginx's workers run as another account and read the static and fallback folders
    with ExitStack() as stack:
        postgres = PostgresCluster(folder / "postgres")
        postgres.create()
        stack.callback(postgres.stop)
        redis = RedisServer(folder / "redis")
        redis.start()
        stack.callback(redis.stop)
        smtp = stack.enter_context(faulty_smtp_server())
        environment = waypost_environment(
            folder,
            database_url=postgres.url,
            smtp_port=smtp.port,
            redis_url=redis.url,
            lease_seconds=options.lease_seconds,
        )
        proxy = Proxy(folder / "nginx", static_root=folder / "static", fallback_root=folder / "fallback")
        cluster = Cluster(folder, environment, postgres, redis, smtp, proxy)
        prepare_files(cluster)
        stack.callback(stop_waypost, cluster)
        start_waypost(cluster, options)
        proxy.start([app.port for app in cluster.apps])
        stack.callback(proxy.stop)
        supervisor = threading.Thread(target=cluster.supervise, daemon=True)
        supervisor.start()
        stack.callback(supervisor.join)
        stack.callback(cluster.stop_supervising.set)
        yield cluster


def stop_waypost(cluster: Cluster) -> None:
    cluster.stop_supervising.set()
    for process in [*cluster.workers, *cluster.apps]:
        process.stop()
