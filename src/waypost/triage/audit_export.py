"""The audit log as CSV for spreadsheets, with every cell a spreadsheet would run as a formula made plain text.

OWASP "CSV Injection": a cell starting with =, +, -, @, a tab or a carriage return can be read as a formula;
a leading single quote makes the spreadsheet show it as text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Protocol

from waypost.core.audit import AuditEvent

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER = ["time", "who", "action", "request", "page", "detail"]


class Writable(Protocol):
    def write(self, text: str, /) -> object: ...


def spreadsheet_safe(cell: str) -> str:
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def write_audit_csv(events: Iterable[AuditEvent], output: Writable) -> None:
    writer = csv.writer(output)
    writer.writerow(HEADER)
    for event in events:
        cells = [event.actor_name, event.action, event.request_reference, event.page, event.detail]
        writer.writerow([event.at.isoformat(), *(spreadsheet_safe(cell) for cell in cells)])
