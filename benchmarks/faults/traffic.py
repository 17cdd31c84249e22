"""The load of a fault run: contact requests through the JSON API, self-checks and directory searches, from
several threads through nginx, and a probe asking for /urgent four times a second throughout.

A contact request is retried with the same Idempotency-Key until it is acknowledged (201) or the client gives up,
as a careful API client would; every attempt is recorded for the latency figures.
"""

from __future__ import annotations

import json
import random
import threading
import time
import uuid
from dataclasses import dataclass, field

from benchmarks.faults.visitor import FIRST_QUESTION, Answer, Visitor, csrf_token
from waypost.instruments.terminology import NO

RETRYABLE = frozenset({0, 429, 500, 502, 503, 504})
URGENT_PROBE_SECONDS = 0.25
SEARCH_PATH = "/services/?where=51.5%2C-0.12"
SELF_CHECK_STEPS = 2


@dataclass(frozen=True)
class Attempt:
    kind: str
    started: float  # seconds since the run began
    seconds: float
    status: int


@dataclass
class Ledger:
    """Everything the clients saw, shared by their threads."""

    began: float = field(default_factory=time.monotonic)
    attempts: list[Attempt] = field(default_factory=list)
    acknowledged: dict[str, str] = field(default_factory=dict)  # Idempotency-Key → reference
    abandoned: set[str] = field(default_factory=set)
    sent: set[str] = field(default_factory=set)
    urgent_answers: list[Attempt] = field(default_factory=list)
    client_errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def now(self) -> float:
        return time.monotonic() - self.began

    def record(self, kind: str, answer: Answer) -> None:
        attempt = Attempt(kind, self.now() - answer.seconds, answer.seconds, answer.status)
        with self.lock:
            (self.urgent_answers if kind == "urgent" else self.attempts).append(attempt)


def referral_body(key: str) -> dict[str, object]:
    return {
        "for_whom": "self",
        "contact_methods": ["email"],
        "email": f"person-{key}@fault-run.example.org",
        "best_times": ["any-time"],
        "help_with": f"fault run {key}",
        "consent": True,
    }


def send_contact_request(visitor: Visitor, base_url: str, ledger: Ledger, *, give_up_after: float) -> None:
    key = uuid.uuid4().hex
    with ledger.lock:
        ledger.sent.add(key)
    deadline = time.monotonic() + give_up_after
    pause = 0.25
    while True:
        answer = visitor.post_json(f"{base_url}/api/referrals", referral_body(key), headers={"Idempotency-Key": key})
        ledger.record("contact", answer)
        if answer.status == 201:
            reference = str(json.loads(answer.body)["reference"])
            with ledger.lock:
                ledger.acknowledged[key] = reference
            return
        if answer.status not in RETRYABLE or time.monotonic() > deadline:
            with ledger.lock:
                ledger.abandoned.add(key)
            return
        time.sleep(pause)
        pause = min(pause * 2, 2.0)


def walk_self_check(base_url: str, ledger: Ledger) -> None:
    """The first questions of a self-check, as a person answering "No" would."""
    visitor = Visitor()
    path = FIRST_QUESTION
    for _ in range(SELF_CHECK_STEPS):
        page = visitor.get(base_url + path)
        ledger.record("self-check", page)
        if page.status != 200:
            return
        answer = visitor.post_form(base_url + path, {"csrfmiddlewaretoken": csrf_token(page.body), "answer": NO})
        ledger.record("self-check", answer)
        if answer.status != 302:
            return
        path = answer.location


def search_directory(visitor: Visitor, base_url: str, ledger: Ledger) -> None:
    ledger.record("search", visitor.get(base_url + SEARCH_PATH))


def client_loop(base_url: str, ledger: Ledger, stop: threading.Event, *, seed: int, give_up_after: float) -> None:
    chooser = random.Random(seed)
    visitor = Visitor()
    while not stop.is_set():
        roll = chooser.random()
        try:
            if roll < 0.4:
                send_contact_request(visitor, base_url, ledger, give_up_after=give_up_after)
            elif roll < 0.7:
                walk_self_check(base_url, ledger)
            else:
                search_directory(visitor, base_url, ledger)
        except Exception as error:
            with ledger.lock:
                ledger.client_errors.append(repr(error))


def urgent_probe(base_url: str, ledger: Ledger, stop: threading.Event) -> None:
    visitor = Visitor(timeout=10)
    while not stop.is_set():
        ledger.record("urgent", visitor.get(base_url + "/urgent"))
        stop.wait(URGENT_PROBE_SECONDS)


@dataclass
class Traffic:
    base_url: str
    clients: int
    give_up_after: float = 90.0
    ledger: Ledger = field(default_factory=Ledger)
    stop_clients: threading.Event = field(default_factory=threading.Event)
    stop_probe: threading.Event = field(default_factory=threading.Event)
    threads: list[threading.Thread] = field(default_factory=list)
    probe: threading.Thread | None = None

    def start(self) -> None:
        self.probe = threading.Thread(target=urgent_probe, args=(self.base_url, self.ledger, self.stop_probe))
        self.probe.start()
        for seed in range(self.clients):
            arguments = (self.base_url, self.ledger, self.stop_clients)
            options = {"seed": seed, "give_up_after": self.give_up_after}
            thread = threading.Thread(target=client_loop, args=arguments, kwargs=options)
            thread.start()
            self.threads.append(thread)

    def stop(self) -> None:
        """Clients finish what they are retrying; the probe goes on until the very end."""
        self.stop_clients.set()
        for thread in self.threads:
            thread.join()

    def stop_probe_too(self) -> None:
        self.stop_probe.set()
        if self.probe is not None:
            self.probe.join()
