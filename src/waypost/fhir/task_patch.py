"""PATCH /fhir/Task/{id}: a JSON Patch (RFC 6902) applied to the Task, then read back as a referral move.

Pure Python, no Django. Only status, statusReason, businessStatus and executionPeriod (and anything inside them)
may be touched; `test` lets a client make its change depend on what it last read. A malformed patch is a 400, a
patch Waypost will not apply a 422, a failed `test` a 409 (ADR 0026).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime
from typing import Any

PATCHABLE = ("status", "statusReason", "businessStatus", "executionPeriod")
OPERATIONS = ("add", "remove", "replace", "move", "copy", "test")
SUPPORTED_OPERATIONS = ("add", "remove", "replace", "test")
TASK_STATUSES = ("requested", "received", "accepted", "rejected", "in-progress", "completed", "failed", "cancelled")
MAXIMUM_OPERATIONS = 20
MAXIMUM_REASON_LENGTH = 1000
MAXIMUM_BUSINESS_STATUS_LENGTH = 100


class PatchError(ValueError):
    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class TaskChange:
    """What the patch asks of the referral, in the terms of treatment.services.move_referral."""

    status: str
    reason: str = ""
    reason_code: str = ""
    business_status: str | None = None
    intake_at: datetime | None = None


def patched_task(task: dict[str, Any], operations: Any) -> dict[str, Any]:
    """The Task after the patch, or PatchError; the Task given is not changed."""
    if not isinstance(operations, list) or not operations:
        raise PatchError("The body must be a JSON Patch: a non-empty array of operations.", 400)
    if len(operations) > MAXIMUM_OPERATIONS:
        raise PatchError(f"Send at most {MAXIMUM_OPERATIONS} operations.", 400)
    document = copy.deepcopy(task)
    for position, operation in enumerate(operations):
        apply_operation(document, checked_operation(operation, position))
    return document


@dataclass(frozen=True)
class Operation:
    op: str
    keys: list[str]
    value: Any
    position: int


def checked_operation(operation: Any, position: int) -> Operation:
    where = f"Operation {position}"
    if not isinstance(operation, dict):
        raise PatchError(f"{where} must be an object with op and path.", 400)
    op, path = operation.get("op"), operation.get("path")
    if op not in OPERATIONS:
        raise PatchError(f"{where}: op must be one of {', '.join(OPERATIONS)}.", 400)
    if not isinstance(path, str) or not path.startswith("/"):
        raise PatchError(f"{where}: path must be a JSON Pointer such as /status.", 400)
    if op in ("add", "replace", "test") and "value" not in operation:
        raise PatchError(f"{where}: {op} needs a value.", 400)
    if op not in SUPPORTED_OPERATIONS:
        raise PatchError(f"{where}: {op} is not supported here; use add, replace, remove or test.")
    keys = [key.replace("~1", "/").replace("~0", "~") for key in path[1:].split("/")]
    if keys[0] not in PATCHABLE:
        raise PatchError(f"{where}: only {', '.join(PATCHABLE)} can be changed, not {path[:60]!r}.")
    return Operation(op=op, keys=keys, value=operation.get("value"), position=position)


def apply_operation(document: dict[str, Any], operation: Operation) -> None:
    parent: Any = document
    for key in operation.keys[:-1]:
        parent = child(parent, key, operation)
    last = operation.keys[-1]
    if operation.op == "test":
        if child(parent, last, operation) != operation.value:
            raise PatchError(f"Operation {operation.position}: test failed; the Task has changed. Read it again.", 409)
    elif operation.op == "remove":
        remove(parent, last, operation)
    else:
        put(parent, last, operation)


def child(container: Any, key: str, operation: Operation) -> Any:
    if isinstance(container, dict) and key in container:
        return container[key]
    if isinstance(container, list) and key.isdigit() and int(key) < len(container):
        return container[int(key)]
    raise PatchError(f"Operation {operation.position}: the path {'/'.join(operation.keys)!r} does not exist.")


def put(container: Any, key: str, operation: Operation) -> None:
    if isinstance(container, dict):
        # replace of a top-level element the Task lacks yet (say statusReason) adds it, as FHIR clients expect
        if operation.op == "replace" and key not in container and len(operation.keys) > 1:
            child(container, key, operation)
        container[key] = copy.deepcopy(operation.value)
        return
    if isinstance(container, list) and (key == "-" or key.isdigit()):
        index = len(container) if key == "-" else int(key)
        limit = len(container) if operation.op == "add" else len(container) - 1
        if index <= limit:
            if operation.op == "add":
                container.insert(index, copy.deepcopy(operation.value))
            else:
                container[index] = copy.deepcopy(operation.value)
            return
    raise PatchError(f"Operation {operation.position}: the path {'/'.join(operation.keys)!r} does not exist.")


def remove(container: Any, key: str, operation: Operation) -> None:
    child(container, key, operation)
    if isinstance(container, dict):
        del container[key]
    else:
        del container[int(key)]


def task_change(before: dict[str, Any], after: dict[str, Any], reason_codes: dict[str, str]) -> TaskChange:
    """Read the patched Task as a move; `reason_codes` maps each allowed statusReason code to its label."""
    status = after.get("status")
    if status not in TASK_STATUSES:
        raise PatchError(f"status must be one of {', '.join(TASK_STATUSES)}.")
    change: dict[str, Any] = {"status": status}
    if after.get("statusReason") != before.get("statusReason"):
        change["reason"], change["reason_code"] = reason_of(after.get("statusReason"), reason_codes)
    if after.get("businessStatus") != before.get("businessStatus"):
        change["business_status"] = business_status_of(after.get("businessStatus"))
    change["intake_at"] = intake_of(before.get("executionPeriod"), after.get("executionPeriod"))
    return TaskChange(**change)


def reason_of(concept: Any, reason_codes: dict[str, str]) -> tuple[str, str]:
    """(reason text, reason code): the text, or the code's label when only a code is given."""
    if concept is None:
        return "", ""
    if not isinstance(concept, dict):
        raise PatchError("statusReason must be a CodeableConcept with coding and/or text.")
    codes = [coding.get("code") for coding in concept.get("coding", []) if isinstance(coding, dict)]
    if not isinstance(concept.get("coding", []), list) or len(codes) > 1 or any(c not in reason_codes for c in codes):
        raise PatchError(f"statusReason.coding must be one code of: {', '.join(reason_codes)}.")
    text = concept.get("text", "")
    if not isinstance(text, str) or len(text) > MAXIMUM_REASON_LENGTH:
        raise PatchError(f"statusReason.text must be text of at most {MAXIMUM_REASON_LENGTH} characters.")
    code = str(codes[0]) if codes else ""
    return (text.strip() or reason_codes.get(code, "")), code


def business_status_of(concept: Any) -> str:
    if concept is None:
        return ""
    text = concept.get("text") if isinstance(concept, dict) else None
    if not isinstance(text, str) or len(text) > MAXIMUM_BUSINESS_STATUS_LENGTH:
        raise PatchError(f"businessStatus must have a text of at most {MAXIMUM_BUSINESS_STATUS_LENGTH} characters.")
    return text.strip()


def intake_of(before: Any, after: Any) -> datetime | None:
    """The intake date and time from executionPeriod.start; its end is Waypost's to set when the referral ends."""
    if after is None:
        return None
    if not isinstance(after, dict):
        raise PatchError("executionPeriod must be a Period with a start.")
    if after.get("end") != (before or {}).get("end"):
        raise PatchError("executionPeriod.end is set by Waypost when the referral ends.")
    start = after.get("start")
    if start is None:
        return None
    moment = parsed_instant(start)
    if moment is None:
        raise PatchError("executionPeriod.start must be a date and time with a time zone, like 2026-12-01T10:00:00Z.")
    return moment


def parsed_instant(text: Any) -> datetime | None:
    if not isinstance(text, str) or len(text) > 40 or "T" not in text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
