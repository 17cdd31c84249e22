"""nginx for a fault run, configured from the reference site in deploy/nginx, not from a copy of it."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tests.servers import free_port

from benchmarks.faults.processes import REPOSITORY, Managed, ProcessFailed, wait_until_answering

SITE_TEMPLATE = REPOSITORY / "deploy" / "nginx" / "waypost.conf.in"
UNAVAILABLE_PAGE = REPOSITORY / "deploy" / "nginx" / "unavailable.html"
NGINX = "/usr/sbin/nginx"
# Loopback servers fail fast, so a dead one is retried sooner than the operator's 5 s
UPSTREAM_OPTIONS = "max_fails=1 fail_timeout=2s"
UNFILLED_WORD = re.compile(r"@[A-Z_]+@")


def render_site(
    *,
    listen: str,
    upstream_ports: Sequence[int],
    static_root: Path,
    fallback_root: Path,
    stream_ports: Sequence[int] = (),
) -> str:
    servers = " ".join(f"server 127.0.0.1:{port} {UPSTREAM_OPTIONS};" for port in upstream_ports)
    # Without `waypost stream` processes, event streams go to the app servers, which refuse them (ADR 0039)
    streams = " ".join(f"server 127.0.0.1:{port};" for port in stream_ports or upstream_ports)
    replacements = {
        "@UPSTREAM_SERVERS@": servers,
        "@STREAM_SERVERS@": streams,
        "@LISTEN@": listen,
        "@SERVER_NAME@": "127.0.0.1 localhost",
        "@STATIC_ROOT@": str(static_root),
        "@FALLBACK_ROOT@": str(fallback_root),
    }
    site = SITE_TEMPLATE.read_text(encoding="utf-8")
    for word, value in replacements.items():
        site = site.replace(word, value)
    if UNFILLED_WORD.search(site):
        raise ProcessFailed("the nginx site template has a word the harness does not fill in")
    return site


def main_configuration(prefix: Path) -> str:
    """The http block an nginx package provides in /etc/nginx/nginx.conf, written for one unprivileged prefix."""
    temporary = prefix / "temporary"
    paths = "\n".join(
        f"    {kind}_temp_path {temporary / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""worker_processes 1;
pid {prefix / "nginx.pid"};
error_log {prefix / "error.log"} warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
{paths}
    include {prefix / "waypost.conf"};
}}
"""


def install_fallback(fallback_root: Path) -> None:
    """Beside the urgent page Waypost wrote, the plain page nginx shows for everything else when it is down."""
    shutil.copyfile(UNAVAILABLE_PAGE, fallback_root / "unavailable.html")
    (fallback_root / "unavailable.html").chmod(0o644)


@dataclass
class Proxy:
    prefix: Path
    static_root: Path
    fallback_root: Path
    port: int = field(default_factory=free_port)
    managed: Managed | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def configure(self, upstream_ports: Sequence[int], stream_ports: Sequence[int] = ()) -> None:
        (self.prefix / "temporary").mkdir(parents=True, exist_ok=True)
        site = render_site(
            listen=f"127.0.0.1:{self.port}",
            upstream_ports=upstream_ports,
            static_root=self.static_root,
            fallback_root=self.fallback_root,
            stream_ports=stream_ports,
        )
        (self.prefix / "waypost.conf").write_text(site, encoding="utf-8")
        (self.prefix / "nginx.conf").write_text(main_configuration(self.prefix), encoding="utf-8")
        self.run_nginx("-t", "-q")

    def run_nginx(self, *arguments: str) -> None:
        command = [NGINX, "-p", str(self.prefix), "-c", str(self.prefix / "nginx.conf"), *arguments]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise ProcessFailed(f"nginx {' '.join(arguments)} failed:\n{result.stderr}")

    def start(self, upstream_ports: Sequence[int], stream_ports: Sequence[int] = ()) -> None:
        self.configure(upstream_ports, stream_ports)
        command = [NGINX, "-p", str(self.prefix), "-c", str(self.prefix / "nginx.conf"), "-g", "daemon off;"]
        self.managed = Managed("nginx", command, {}, self.prefix / "nginx.log")
        self.managed.start()
        wait_until_answering(self.base_url + "/urgent", seconds=30, process=self.managed)

    def reload(self, upstream_ports: Sequence[int]) -> None:
        self.configure(upstream_ports)
        self.run_nginx("-s", "reload")

    def stop(self) -> None:
        if self.managed is not None:
            self.managed.stop()
