"""A real SMTP server (aiosmtpd) on a loopback port that records what it receives, for the worker's tests."""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email import message_from_bytes
from email.message import Message

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from tests.servers import free_port

HOLD_LIMIT_SECONDS = 30


class RecordingHandler:
    """Accepts every message and keeps it; `hold_at=N` keeps the Nth waiting for its "250 OK" until released."""

    def __init__(self, *, hold_at: int = 0) -> None:
        self.messages: list[Message] = []
        self.hold_at = hold_at
        self.is_holding = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        self.messages.append(message_from_bytes(content))
        if len(self.messages) == self.hold_at:
            self.is_holding.set()
            await wait_for(self.release)
        return "250 Message accepted for delivery"

    def message_ids(self) -> Counter[str]:
        return Counter(str(message["Message-ID"]) for message in self.messages)


class RefusingHandler(RecordingHandler):
    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        return "550 5.1.1 No such mailbox here"


async def wait_for(event: threading.Event) -> None:
    for _ in range(HOLD_LIMIT_SECONDS * 100):
        if event.is_set():
            return
        await asyncio.sleep(0.01)


class Login:
    """Accepts one user name and password (AUTH PLAIN or LOGIN, offered without TLS on loopback) and counts logins."""

    def __init__(self, username: str, password: str) -> None:
        self.expected = LoginPassword(username.encode(), password.encode())
        self.successful_logins = 0

    def __call__(self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: object) -> AuthResult:
        if data != self.expected:
            return AuthResult(success=False, handled=False)  # aiosmtpd answers 535
        self.successful_logins += 1
        return AuthResult(success=True)


@dataclass(frozen=True)
class RunningSmtpServer:
    port: int
    handler: RecordingHandler


@contextmanager
def running_smtp_server(
    *, port: int = 0, handler: RecordingHandler | None = None, login: Login | None = None
) -> Iterator[RunningSmtpServer]:
    """Listens on 127.0.0.1 only, and always stops when the block ends."""
    handler = handler or RecordingHandler()
    port = port or free_port()
    controller = (
        Controller(handler, hostname="127.0.0.1", port=port, authenticator=login, auth_require_tls=False)
        if login
        else Controller(handler, hostname="127.0.0.1", port=port)
    )
    controller.start()
    try:
        yield RunningSmtpServer(port, handler)
    finally:
        handler.release.set()
        controller.stop()
