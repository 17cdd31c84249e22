"""Which way a referral may move: the FHIR R4 Task life cycle as Waypost uses it. Pure Python, no Django.

requested -> received -> accepted | rejected; accepted -> in-progress (intake booked) -> completed (admitted) |
failed (did not attend); the sender may cancel any referral that has not ended. A provider may also accept or
decline straight from requested, and book an intake straight after accepting (ADR 0024).
"""

from __future__ import annotations

from enum import StrEnum


class Side(StrEnum):
    SENDER = "sender"
    PROVIDER = "provider"


REQUESTED, RECEIVED, ACCEPTED, REJECTED = "requested", "received", "accepted", "rejected"
IN_PROGRESS, COMPLETED, FAILED, CANCELLED = "in-progress", "completed", "failed", "cancelled"

ENDED = frozenset({REJECTED, COMPLETED, FAILED, CANCELLED})

PROVIDER_MOVES: dict[str, frozenset[str]] = {
    REQUESTED: frozenset({RECEIVED, ACCEPTED, REJECTED}),
    RECEIVED: frozenset({ACCEPTED, REJECTED}),
    ACCEPTED: frozenset({IN_PROGRESS, REJECTED}),
    IN_PROGRESS: frozenset({IN_PROGRESS, COMPLETED, FAILED}),
}
SENDER_MOVES: dict[str, frozenset[str]] = {
    status: frozenset({CANCELLED}) for status in (REQUESTED, RECEIVED, ACCEPTED, IN_PROGRESS)
}
# The sender records the outcome when the provider never does (asked after a passed intake date)
SENDER_MOVES[IN_PROGRESS] = frozenset({CANCELLED, COMPLETED, FAILED})

# A reason is required for these: the person and the sending team need to know why
NEEDS_REASON = frozenset({REJECTED, FAILED, CANCELLED})
NEEDS_INTAKE_DATE = frozenset({IN_PROGRESS})


class TransitionRefused(ValueError):
    """The move is not allowed from this status, for this side, or without what it needs."""


def allowed_moves(status: str, side: Side) -> frozenset[str]:
    moves = PROVIDER_MOVES if side is Side.PROVIDER else SENDER_MOVES
    return moves.get(status, frozenset())


def check_move(status: str, new_status: str, side: Side, *, has_reason: bool, has_intake_date: bool) -> None:
    """Raise TransitionRefused with a message staff can act on; return None when the move may happen."""
    if status in ENDED:
        raise TransitionRefused("This referral has ended and cannot change.")
    if new_status not in allowed_moves(status, side):
        raise TransitionRefused(f"A referral that is {status} cannot become {new_status}.")
    if new_status in NEEDS_REASON and not has_reason:
        raise TransitionRefused("Give a reason.")
    if new_status in NEEDS_INTAKE_DATE and not has_intake_date:
        raise TransitionRefused("Give the intake date.")


def has_ended(status: str) -> bool:
    return status in ENDED
