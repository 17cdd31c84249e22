"""A real SMTP server (aiosmtpd) for a fault run: it records every message it accepts, and on cue it refuses
mail for a while (451, so senders retry) or holds one message unanswered so a worker can be killed mid-send."""

from __future__ import annotations

import asyncio
import re
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from tests.servers import free_port

MESSAGE_ID = re.compile(rb"^Message-ID:\s*<([^@>]+)@", re.IGNORECASE | re.MULTILINE)
HOLD_LIMIT_SECONDS = 60
TRY_AGAIN_LATER = "451 4.3.0 Mail service paused, try again later"


@dataclass
class HeldDelivery:
    """The client's end of the connection whose message is being held, so its process can be found."""

    client_port: int


@dataclass
class FaultySmtpHandler:
    delivery_keys: list[str] = field(default_factory=list)
    refused: int = 0
    is_refusing: threading.Event = field(default_factory=threading.Event)
    should_hold_next: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    held: HeldDelivery | None = None
    is_holding: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        if self.is_refusing.is_set():
            with self.lock:
                self.refused += 1
            return TRY_AGAIN_LATER
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.record(envelope.original_content or b"")
        # On a TCP socket the peer is (address, port); the stubs also allow a Unix socket's path
        if self.should_hold_next.is_set() and not self.is_holding.is_set() and isinstance(session.peer, tuple):
            self.should_hold_next.clear()
            self.held = HeldDelivery(client_port=int(session.peer[1]))
            self.is_holding.set()
            await wait_for(self.release)
        return "250 Message accepted for delivery"

    def record(self, content: bytes) -> None:
        found = MESSAGE_ID.search(content)
        with self.lock:
            self.delivery_keys.append(found.group(1).decode() if found else "")

    def received(self) -> Counter[str]:
        with self.lock:
            return Counter(self.delivery_keys)


async def wait_for(event: threading.Event) -> None:
    for _ in range(HOLD_LIMIT_SECONDS * 20):
        if event.is_set():
            return
        await asyncio.sleep(0.05)


@dataclass(frozen=True)
class RunningSmtp:
    port: int
    handler: FaultySmtpHandler


@contextmanager
def faulty_smtp_server() -> Iterator[RunningSmtp]:
    handler = FaultySmtpHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield RunningSmtp(port, handler)
    finally:
        handler.release.set()
        controller.stop()
