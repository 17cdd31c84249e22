from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.notifications.smtp_server import RunningSmtpServer, running_smtp_server


@pytest.fixture
def smtp_server() -> Iterator[RunningSmtpServer]:
    with running_smtp_server() as server:
        yield server
