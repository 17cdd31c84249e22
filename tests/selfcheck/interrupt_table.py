"""Every answer that must stop the check at once: one row per interrupt, shared by the HTTP and browser tests.

A new red flag is one more row: the choices that raise it, the question whose answer raises it, and the
`tel:` link its stop page must put on the big button in each region (None: that region has no number to call).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pytest

from waypost.core.helplines import Region
from waypost.instruments.terminology import NEARLY_EVERY_DAY, YES

Calls = Mapping[Region, str | None]
EMERGENCY_CALL: Calls = {Region.UK: "tel:999", Region.US: "tel:911"}
CRISIS_CALL: Calls = {Region.UK: "tel:116123", Region.US: "tel:988"}
SAME_DAY_CALL: Calls = {Region.UK: "tel:111", Region.US: None}
THOUGHTS = {"safety.thoughts-of-ending-life": YES}
BLADDER_GATE = {"journey.bladder-gate": YES}
PHQ2_POSITIVE = {"phq-9.1": NEARLY_EVERY_DAY, "phq-9.2": NEARLY_EVERY_DAY}


@dataclass(frozen=True)
class Interrupt:
    flag: str
    trigger: str
    urgency: str
    calls: Calls
    choices: Mapping[str, str] = field(default_factory=dict)

    @property
    def all_choices(self) -> dict[str, str]:
        return {**self.choices, self.trigger: self.choices.get(self.trigger, YES)}


SELF_INTERRUPTS = (
    Interrupt("danger-now", "safety.danger-now", "emergency", EMERGENCY_CALL),
    Interrupt("ending-life-thoughts", "safety.wish-to-be-dead", "urgent", CRISIS_CALL),
    Interrupt("ending-life-thoughts", "safety.thoughts-of-ending-life", "urgent", CRISIS_CALL),
    Interrupt("ending-life-intent-or-plan", "safety.intent-to-act", "emergency", EMERGENCY_CALL, THOUGHTS),
    Interrupt("ending-life-intent-or-plan", "safety.plan-to-act", "emergency", EMERGENCY_CALL, THOUGHTS),
    Interrupt("ending-life-recent-behaviour", "safety.recent-behaviour", "emergency", EMERGENCY_CALL),
    Interrupt("self-harm-thoughts", "safety.self-harm-thoughts", "urgent", CRISIS_CALL),
    Interrupt("self-harm-thoughts", "phq-9.9", "urgent", CRISIS_CALL, {**PHQ2_POSITIVE, "phq-9.9": NEARLY_EVERY_DAY}),
    Interrupt("blood-in-urine", "bladder-signs.blood-in-urine", "urgent", SAME_DAY_CALL, BLADDER_GATE),
    Interrupt("unable-to-pass-urine", "bladder-signs.unable-to-pass-urine", "emergency", EMERGENCY_CALL, BLADDER_GATE),
    Interrupt("kidney-pain-with-fever", "bladder-signs.side-pain-with-fever", "urgent", SAME_DAY_CALL, BLADDER_GATE),
)
FAMILY = {"journey.who": "family"}
OBSERVED = "ketamine-signs-observed"
FAMILY_INTERRUPTS = (
    Interrupt("hard-to-wake", f"{OBSERVED}.hard-to-wake", "emergency", EMERGENCY_CALL, FAMILY),
    Interrupt(
        "talks-of-ending-life-or-self-harm",
        f"{OBSERVED}.talks-of-ending-life-or-self-harm",
        "urgent",
        CRISIS_CALL,
        FAMILY,
    ),
    Interrupt("blood-in-urine", f"{OBSERVED}.blood-in-urine", "urgent", SAME_DAY_CALL, FAMILY),
    Interrupt("unable-to-pass-urine", f"{OBSERVED}.unable-to-pass-urine", "emergency", EMERGENCY_CALL, FAMILY),
)


def interrupt_params(interrupts: tuple[Interrupt, ...]) -> list[object]:
    return [pytest.param(row, id=f"{row.flag}-after-{row.trigger}") for row in interrupts]
