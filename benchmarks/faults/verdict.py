"""What a fault run proved: requests and messages lost or duplicated, urgent help served, latency around faults."""

from __future__ import annotations

import json
import statistics
from collections import Counter
from dataclasses import dataclass

from benchmarks.faults.schedule import FaultWindow
from benchmarks.faults.traffic import Attempt, Ledger

UNFINISHED = frozenset({"queued", "claimed", "sending"})
PHASE_SECONDS = 10.0


@dataclass(frozen=True)
class Database:
    markers: Counter[str]  # Idempotency-Key → contact requests carrying it
    references: dict[str, str]  # Idempotency-Key → reference stored
    messages: list[tuple[str, str]]  # (delivery key, status)

    @classmethod
    def from_json(cls, text: str) -> Database:
        contents = json.loads(text)
        keys = [(row["marker"].removeprefix("fault run "), row["reference"]) for row in contents["requests"]]
        markers = Counter(key for key, _ in keys)
        messages = [(row["delivery_key"], row["status"]) for row in contents["messages"]]
        return cls(markers, dict(keys), messages)

    def unfinished_messages(self) -> int:
        return sum(1 for _, status in self.messages if status in UNFINISHED)


@dataclass(frozen=True)
class Verdict:
    requests_sent: int
    acknowledged: int
    abandoned: int
    stored_without_acknowledgement: int
    requests_lost: int
    requests_duplicated: int
    messages_queued: int
    messages_delivered: int
    messages_uncertain: int
    messages_lost: int
    messages_duplicated: int
    urgent_probes: int
    urgent_not_200: int
    client_errors: int

    @property
    def kept_every_promise(self) -> bool:
        lost_or_doubled = self.requests_lost + self.requests_duplicated + self.messages_lost + self.messages_duplicated
        return lost_or_doubled == 0 and self.urgent_not_200 == 0 and self.client_errors == 0


def judge(ledger: Ledger, database: Database, smtp_received: Counter[str]) -> Verdict:
    lost = sum(1 for key, reference in ledger.acknowledged.items() if database.references.get(key) != reference)
    unacknowledged = set(database.markers) - set(ledger.acknowledged)
    statuses = Counter(message_outcome(status, smtp_received[key]) for key, status in database.messages)
    return Verdict(
        requests_sent=len(ledger.sent),
        acknowledged=len(ledger.acknowledged),
        abandoned=len(ledger.abandoned),
        stored_without_acknowledgement=len(unacknowledged),
        requests_lost=lost,
        requests_duplicated=sum(count - 1 for count in database.markers.values()),
        messages_queued=len(database.messages),
        messages_delivered=statuses["delivered"],
        messages_uncertain=statuses["uncertain"],
        messages_lost=statuses["lost"],
        messages_duplicated=statuses["duplicated"],
        urgent_probes=len(ledger.urgent_answers),
        urgent_not_200=sum(1 for probe in ledger.urgent_answers if probe.status != 200),
        client_errors=len(ledger.client_errors),
    )


def message_outcome(status: str, times_received: int) -> str:
    """Sent and received once; uncertain (received at most once, shown to staff); anything else is a failure."""
    if times_received > 1:
        return "duplicated"
    if status == "uncertain":
        return "uncertain"
    if status == "sent" and times_received == 1:
        return "delivered"
    return "lost"


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(fraction * 100) - 1]


def latency_line(label: str, attempts: list[Attempt]) -> str:
    milliseconds = [attempt.seconds * 1000 for attempt in attempts]
    failed = sum(1 for attempt in attempts if attempt.status == 0 or attempt.status >= 500)
    return (
        f"{label:<7} n={len(attempts):<5} p50={percentile(milliseconds, 0.5):7.1f} ms "
        f"p99={percentile(milliseconds, 0.99):7.1f} ms  errors={failed}"
    )


def phases(windows: list[FaultWindow], index: int, attempts: list[Attempt]) -> list[tuple[str, list[Attempt]]]:
    """Up to ten seconds either side of a fault, never reaching into the fault before or after it."""
    window = windows[index]
    previous_end = windows[index - 1].ended if index > 0 else 0.0
    next_start = windows[index + 1].started if index + 1 < len(windows) else float("inf")

    def between(start: float, end: float) -> list[Attempt]:
        return [attempt for attempt in attempts if start <= attempt.started < end]

    return [
        ("before", between(max(previous_end, window.started - PHASE_SECONDS), window.started)),
        ("during", between(window.started, max(window.ended, window.started + 1))),
        ("after", between(window.ended, min(next_start, window.ended + PHASE_SECONDS))),
    ]


def failed_probes_text(ledger: Ledger) -> str:
    """When and how each failed /urgent probe failed (status 0: refused, reset or timed out), to find its fault."""
    failed = [probe for probe in ledger.urgent_answers if probe.status != 200]
    details = ", ".join(f"status {probe.status} at {probe.started:.1f} s ({probe.seconds:.1f} s)" for probe in failed)
    return f": {details}" if details else ""


def report_lines(
    verdict: Verdict, windows: list[FaultWindow], ledger: Ledger, unexpected_exits: list[str]
) -> list[str]:
    lines = [
        f"requests sent {verdict.requests_sent}, acknowledged (201) {verdict.acknowledged}, "
        f"given up by the client {verdict.abandoned}, stored without an acknowledgement "
        f"{verdict.stored_without_acknowledgement}",
        f"requests lost {verdict.requests_lost} (must be 0), duplicated {verdict.requests_duplicated} (must be 0)",
        f"messages queued {verdict.messages_queued}, delivered exactly once {verdict.messages_delivered}, "
        f"uncertain {verdict.messages_uncertain}, lost {verdict.messages_lost} (must be 0), "
        f"duplicated {verdict.messages_duplicated} (must be 0)",
        f"/urgent probes {verdict.urgent_probes}, not 200: {verdict.urgent_not_200} (must be 0)"
        + failed_probes_text(ledger),
        f"errors in the harness's own clients: {verdict.client_errors} (must be 0)",
        f"processes that exited unasked and were started again: {', '.join(unexpected_exits) or 'none'}",
    ]
    for index, window in enumerate(windows):
        lines.append(f"-- {window.name} at {window.started:.1f}-{window.ended:.1f} s: {window.note}")
        lines.extend("   " + latency_line(label, chosen) for label, chosen in phases(windows, index, ledger.attempts))
    return lines
