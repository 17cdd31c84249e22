"""How long sign-in to one account waits after repeated failures: plain rules, no Django."""

from __future__ import annotations

import math
from datetime import timedelta


def wait_after_failures(failures: int, *, free_failures: int, longest: timedelta) -> timedelta:
    """No wait for the first `free_failures - 1`; then 1, 2, 4, 8 … minutes, never more than `longest`."""
    if failures < free_failures:
        return timedelta(0)
    doublings = min(failures - free_failures, 32)  # bounded, so a huge count cannot overflow timedelta
    return min(timedelta(minutes=2**doublings), longest)


def minutes_to_wait(wait: timedelta) -> int:
    """Whole minutes, rounded up, so "try again in N minutes" is never too early."""
    return max(1, math.ceil(wait.total_seconds() / 60))
