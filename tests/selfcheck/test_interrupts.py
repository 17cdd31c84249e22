"""Which answers interrupt the check at once, and what the stop-and-call page says: pure table tests."""

from __future__ import annotations

import pytest

from waypost.core.advice import advice_for
from waypost.core.helplines import Region
from waypost.instruments.flags import Flag, Urgency, urgency_of
from waypost.instruments.terminology import NEARLY_EVERY_DAY, NO, YES
from waypost.selfcheck import interrupts
from waypost.selfcheck.interrupts import new_interrupts, still_shown, stop_page
from waypost.selfcheck.journey import Mode


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"safety": {"danger-now": YES}}, (Flag.DANGER_NOW,)),
        ({"safety": {"danger-now": NO}}, ()),
        ({"safety": {"thoughts-of-ending-life": YES}}, (Flag.ENDING_LIFE_THOUGHTS,)),
        (
            {"safety": {"thoughts-of-ending-life": YES, "intent-to-act": YES}},
            (Flag.ENDING_LIFE_INTENT_OR_PLAN, Flag.ENDING_LIFE_THOUGHTS),
        ),
        ({"safety": {"recent-behaviour": YES}}, (Flag.ENDING_LIFE_RECENT_BEHAVIOUR,)),
        ({"phq-9": {"1": NEARLY_EVERY_DAY, "9": NEARLY_EVERY_DAY}}, (Flag.SELF_HARM_THOUGHTS,)),
        ({"bladder-signs": {"blood-in-urine": YES}}, (Flag.BLOOD_IN_URINE,)),
        ({"bladder-signs": {"unable-to-pass-urine": YES}}, (Flag.URINARY_RETENTION,)),
        ({"bladder-signs": {"side-pain-with-fever": YES}}, (Flag.KIDNEY_PAIN_WITH_FEVER,)),
        # Advice and see-a-GP flags wait for the results page
        ({"safety": {"mixing-with-depressants": YES}}, ()),
        ({"bladder-signs": {"passing-urine-often": YES, "currently-using": YES}}, ()),
    ],
)
def test_partial_answers_that_raise_emergency_or_urgent_flags_interrupt(
    answers: dict[str, dict[str, str]], expected: tuple[Flag, ...]
) -> None:
    assert new_interrupts(answers, ()) == expected


@pytest.mark.parametrize("flag", list(Flag))
def test_every_emergency_or_urgent_flag_interrupts_and_no_other(flag: Flag, monkeypatch: pytest.MonkeyPatch) -> None:
    # Urgency is read through urgency_of, so a flag added or re-graded in flags.py needs no change here
    monkeypatch.setattr(interrupts, "flags_so_far", lambda answers: (flag,))

    is_interrupting = urgency_of(flag) in {Urgency.EMERGENCY, Urgency.URGENT}

    assert new_interrupts({}, ()) == ((flag,) if is_interrupting else ())


def test_a_flag_already_shown_does_not_interrupt_again() -> None:
    answers = {"safety": {"thoughts-of-ending-life": YES, "intent-to-act": YES}}

    assert new_interrupts(answers, ("ending-life-thoughts",)) == (Flag.ENDING_LIFE_INTENT_OR_PLAN,)


def test_a_flag_no_longer_raised_is_forgotten_so_raising_it_again_interrupts_again() -> None:
    answers = {"safety": {"thoughts-of-ending-life": NO, "recent-behaviour": YES}}

    shown = still_shown(answers, ("ending-life-thoughts",), (Flag.ENDING_LIFE_RECENT_BEHAVIOUR,))

    assert shown == ("ending-life-recent-behaviour",)


@pytest.mark.parametrize(
    ("region", "mode", "heading", "lead", "href"),
    [
        (Region.UK, Mode.SELF, "Stop and call 999 now", "Call now, or ask someone near you to call.", "tel:999"),
        (Region.US, Mode.SELF, "Stop and call 911 now", "Call now, or ask someone near you to call.", "tel:911"),
        (Region.UK, Mode.FAMILY, "Stop and call 999 for them now", "Stay with them until help comes.", "tel:999"),
        (Region.US, Mode.FAMILY, "Stop and call 911 for them now", "Stay with them until help comes.", "tel:911"),
    ],
)
def test_emergency_stop_page_puts_the_region_emergency_number_on_the_button(
    region: Region, mode: Mode, heading: str, lead: str, href: str
) -> None:
    page = stop_page((Flag.DANGER_NOW,), region, mode)

    assert (page.urgency, page.heading, page.lead) == (Urgency.EMERGENCY, heading, lead)
    assert page.call is not None
    assert page.call.href == href
    assert page.crisis_lines


@pytest.mark.parametrize(
    ("flag", "region", "heading", "href"),
    [
        (Flag.ENDING_LIFE_THOUGHTS, Region.UK, "Talk to someone today", "tel:116123"),
        (Flag.ENDING_LIFE_THOUGHTS, Region.US, "Talk to someone today", "tel:988"),
        (Flag.SELF_HARM_THOUGHTS, Region.UK, "Talk to someone today", "tel:116123"),
        (Flag.BLOOD_IN_URINE, Region.UK, "See a doctor today", "tel:111"),
        (Flag.KIDNEY_PAIN_WITH_FEVER, Region.UK, "See a doctor today", "tel:111"),
        # The US has no same-day number: the card says go to urgent care, with no call button
        (Flag.BLOOD_IN_URINE, Region.US, "See a doctor today", None),
    ],
)
def test_urgent_stop_page_shows_the_flag_care_card_and_its_same_day_route(
    flag: Flag, region: Region, heading: str, href: str | None
) -> None:
    page = stop_page((flag,), region, Mode.SELF)

    assert (page.urgency, page.heading) == (Urgency.URGENT, heading)
    assert (page.call.href if page.call else None) == href
    assert [card.heading for card in page.cards] == [heading]


@pytest.mark.parametrize(("region", "href"), [(Region.UK, "tel:999"), (Region.US, "tel:911")])
def test_a_past_episode_of_being_hard_to_wake_says_when_to_call_not_call_now(region: Region, href: str) -> None:
    page = stop_page((Flag.HARD_TO_WAKE,), region, Mode.FAMILY)

    assert page.urgency == Urgency.EMERGENCY
    assert page.heading == advice_for("hard-to-wake", region).carer_heading
    assert "now" not in page.heading
    assert page.lead == "Never leave them alone to sleep it off. If it happens again, call straight away."
    assert page.call is not None
    assert page.call.href == href


def test_a_past_episode_with_an_emergency_now_still_says_call_now() -> None:
    page = stop_page((Flag.HARD_TO_WAKE, Flag.URINARY_RETENTION), Region.UK, Mode.FAMILY)

    assert page.heading == "Stop and call 999 for them now"


def test_family_stop_page_speaks_to_the_carer() -> None:
    page = stop_page((Flag.URINARY_RETENTION,), Region.UK, Mode.FAMILY)

    assert page.cards[0].heading == "Take them to A&E or call 999 for them now"
    assert page.cards[0].reasons == ("They cannot pass urine, even though they need to.",)
