"""The JSON Patch subset applied to a Task, and how the patched Task reads as a referral move: pure table tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from waypost.fhir.task_patch import PatchError, TaskChange, patched_task, task_change

TASK: dict[str, Any] = {
    "resourceType": "Task",
    "id": "R-1",
    "status": "accepted",
    "businessStatus": {"text": "Triage", "coding": [{"code": "a"}]},
}
REASONS = {"no-capacity": "No place available", "other": "Other"}


@pytest.mark.parametrize(
    ("operations", "expected"),
    [
        ([{"op": "replace", "path": "/status", "value": "in-progress"}], {**TASK, "status": "in-progress"}),
        (
            [{"op": "replace", "path": "/statusReason", "value": {"text": "Full"}}],
            {**TASK, "statusReason": {"text": "Full"}},
        ),
        (
            [{"op": "add", "path": "/businessStatus/coding/-", "value": {"code": "b"}}],
            {**TASK, "businessStatus": {"text": "Triage", "coding": [{"code": "a"}, {"code": "b"}]}},
        ),
        (
            [{"op": "add", "path": "/businessStatus/coding/0", "value": {"code": "z"}}],
            {**TASK, "businessStatus": {"text": "Triage", "coding": [{"code": "z"}, {"code": "a"}]}},
        ),
        ([{"op": "remove", "path": "/businessStatus"}], {key: TASK[key] for key in ("resourceType", "id", "status")}),
        (
            [{"op": "replace", "path": "/businessStatus/text", "value": "Booked"}],
            {**TASK, "businessStatus": {"text": "Booked", "coding": [{"code": "a"}]}},
        ),
        ([{"op": "test", "path": "/businessStatus/coding/0/code", "value": "a"}], TASK),
    ],
)
def test_applies_json_patch_operations_to_the_patchable_elements(
    operations: list[dict[str, Any]], expected: dict[str, Any]
) -> None:
    assert patched_task(TASK, operations) == expected
    assert TASK["businessStatus"] == {"text": "Triage", "coding": [{"code": "a"}]}


@pytest.mark.parametrize(
    ("operations", "status"),
    [
        ([{"op": "replace", "path": "/businessStatus/coding/5", "value": {}}], 422),
        ([{"op": "replace", "path": "/businessStatus/missing/x", "value": 1}], 422),
        ([{"op": "replace", "path": "/id", "value": "R-2"}], 422),
        ([{"op": "copy", "from": "/status", "path": "/businessStatus"}], 422),
        ([{"op": "test", "path": "/status", "value": "requested"}], 409),
        ([{"op": "add", "path": "/status"}], 400),
        ([{"op": "replace", "path": "/status", "value": "x"}] * 21, 400),
    ],
)
def test_refuses_operations_outside_the_subset_with_the_right_status(
    operations: list[dict[str, Any]], status: int
) -> None:
    with pytest.raises(PatchError) as raised:
        patched_task(TASK, operations)

    assert raised.value.status == status


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        ({**TASK, "status": "rejected"}, TaskChange(status="rejected")),
        (
            {**TASK, "status": "rejected", "statusReason": {"coding": [{"code": "no-capacity"}]}},
            TaskChange(status="rejected", reason="No place available", reason_code="no-capacity"),
        ),
        (
            {**TASK, "status": "rejected", "statusReason": {"coding": [{"code": "other"}], "text": " Moved away "}},
            TaskChange(status="rejected", reason="Moved away", reason_code="other"),
        ),
        ({**TASK, "businessStatus": {"text": "Booked"}}, TaskChange(status="accepted", business_status="Booked")),
        (
            {**TASK, "status": "in-progress", "executionPeriod": {"start": "2026-12-03T10:30:00+01:00"}},
            TaskChange(status="in-progress", intake_at=datetime(2026, 12, 3, 9, 30, tzinfo=UTC)),
        ),
    ],
)
def test_reads_the_patched_task_as_a_move(after: dict[str, Any], expected: TaskChange) -> None:
    assert task_change(TASK, after, REASONS) == expected


@pytest.mark.parametrize(
    "after",
    [
        {**TASK, "status": 3},
        {**TASK, "statusReason": "full"},
        {**TASK, "statusReason": {"coding": [{"code": "no-capacity"}, {"code": "other"}]}},
        {**TASK, "businessStatus": {"text": "x" * 101}},
        {**TASK, "executionPeriod": {"start": "2026-12-03T10:30:00"}},
        {**TASK, "executionPeriod": {"start": "2026-12-03"}},
        {**TASK, "executionPeriod": []},
    ],
)
def test_refuses_patched_values_waypost_cannot_store_with_422(after: dict[str, Any]) -> None:
    with pytest.raises(PatchError) as raised:
        task_change(TASK, after, REASONS)

    assert raised.value.status == 422
