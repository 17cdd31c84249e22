"""Every answer that must stop the check at once: one row per interrupt, shared by the HTTP and browser tests.

A new red flag is one more row: the choices that raise it, the question whose answer raises it, and the
`tel:` link its stop page must put on the big button in each region (None: that region has no number to call).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
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
    Interrupt("self-harm-thoughts", "phq-9.9", "urgent", CRISIS_CALL, {**PHQ2_POSITIVE, "phq-9.9": NEARLY_EVERY_DAY}),
    Interrupt("blood-in-urine", "bladder-signs.blood-in-urine", "urgent", SAME_DAY_CALL, BLADDER_GATE),
    Interrupt("unable-to-pass-urine", "bladder-signs.unable-to-pass-urine", "emergency", EMERGENCY_CALL, BLADDER_GATE),
    Interrupt("kidney-pain-with-fever", "bladder-signs.side-pain-with-fever", "urgent", SAME_DAY_CALL, BLADDER_GATE),
)
FAMILY = {"journey.who": "family"}
# The family questions about the other person's red flags arrive with the pure-layers branch: one row each here
FAMILY_INTERRUPTS: tuple[Interrupt, ...] = ()


def interrupt_params(interrupts: tuple[Interrupt, ...]) -> list[object]:
    return [pytest.param(row, id=f"{row.flag}-after-{row.trigger}") for row in interrupts]


# Until then, stand-in rules on today's family questions prove the carer's stop pages: they are swapped for the
# real rows above at merge (each stand-in raises an existing flag of the same urgency as the real family flag)
STAND_IN_RULES = {
    "seems-detached": "danger-now",
    "toilet-trips": "unable-to-pass-urine",
    "stomach-pain": "blood-in-urine",
}
FAMILY_STAND_INS = (
    Interrupt("danger-now", "ketamine-signs-observed.seems-detached", "emergency", EMERGENCY_CALL, FAMILY),
    Interrupt("unable-to-pass-urine", "ketamine-signs-observed.toilet-trips", "emergency", EMERGENCY_CALL, FAMILY),
    Interrupt("blood-in-urine", "ketamine-signs-observed.stomach-pain", "urgent", SAME_DAY_CALL, FAMILY),
)


def answered_yes(link_id: str) -> Callable[[Mapping[str, str]], bool]:
    from waypost.instruments.flags import is_yes

    return lambda answers: is_yes(answers, link_id)


def use_stand_in_family_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    from waypost.instruments import flags

    rules = tuple(flags.FlagRule(flags.Flag(code), answered_yes(link_id)) for link_id, code in STAND_IN_RULES.items())
    monkeypatch.setitem(flags.RULES_BY_QUESTIONNAIRE, "ketamine-signs-observed", rules)
