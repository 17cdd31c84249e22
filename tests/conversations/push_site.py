"""A pushing site in real processes (ADR 0039): one app server and one `waypost stream`, on a shared database."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.deploy.test_shared_state import REPOSITORY, shared_database, shared_settings
from tests.servers import RunningServer, clean_environment, running_waypost


@dataclass(frozen=True)
class PushingSite:
    app: RunningServer
    streams: RunningServer
    environment: dict[str, str]  # what the site's processes run with, for a command run beside them

    def manage(self, *arguments: str) -> str:
        return manage(self.environment, *arguments)


def manage(environment: dict[str, str], *arguments: str) -> str:
    command = [sys.executable, "-m", "waypost", "manage", *arguments]
    finished = subprocess.run(
        command, env=clean_environment(environment), cwd=REPOSITORY, check=True, capture_output=True, text=True
    )
    return finished.stdout


def port_of(server: RunningServer) -> int:
    return int(server.base_url.rsplit(":", 1)[1])


@contextmanager
def running_pushing_site(folder: Path) -> Iterator[PushingSite]:
    with ExitStack() as stack:
        environment = {
            **shared_settings(stack.enter_context(shared_database(folder))),
            "WAYPOST_CHAT_HOURS": "always",
            "WAYPOST_CHAT_PUSH": "true",
            "WAYPOST_DATA_DIR": str(folder / "app"),
            # Where nginx, running as another account, can read the collected files
            "WAYPOST_STATIC_ROOT": str(folder / "static"),
        }
        manage(environment, "migrate", "--noinput", "-v", "0")
        manage(environment, "load_demo_data")
        app = stack.enter_context(running_waypost(["serve", "--workers", "1"], environment=environment, cwd=REPOSITORY))
        streams = stack.enter_context(running_waypost(["stream"], environment=environment, cwd=REPOSITORY))
        yield PushingSite(app, streams, environment)
