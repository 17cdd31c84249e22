"""Stop-and-call: the very next page after an emergency or urgent answer, for the self and family paths.

None of these tests may touch the database (no django_db mark): the stop page must work when it is down.
"""

from __future__ import annotations

import html as html_module
import re

import pytest
from django.test import Client, override_settings

from tests.selfcheck.interrupt_table import (
    EMERGENCY_CALL,
    FAMILY_INTERRUPTS,
    SELF_INTERRUPTS,
    Interrupt,
    interrupt_params,
)
from tests.selfcheck.walker import FIRST_QUESTION, STOP_PAGE, walk
from waypost.core.advice import advice_for
from waypost.core.helplines import Region
from waypost.instruments.terminology import NO, YES
from waypost.selfcheck.results import FAMILY_REASONS, SELF_REASONS

CALL_BUTTON = re.compile(r'<a href="(tel:[^"]+)" class="emergency-call[^"]*" data-call-button')


def stop_pages_for(client: Client, row: Interrupt) -> tuple[list[str], dict[str, str]]:
    stops: dict[str, str] = {}
    asked = walk(client, row.all_choices, stops=stops)
    return asked, stops


def assert_stop_page_for(row: Interrupt, html: str, region: Region, reason: str, action: str) -> None:
    expected_call = row.calls[region]
    calls = CALL_BUTTON.findall(html)
    assert calls == ([expected_call] if expected_call else [])
    assert f'class="stop stop--{row.urgency}"' in html
    assert f"care-card--{row.urgency}" in html
    assert html_module.escape(reason) in html
    assert html_module.escape(action) in html
    continue_at = html.index("Continue the check")
    assert html.index("Talk to someone now") < continue_at
    if expected_call:
        assert html.index(f'href="{expected_call}" class="emergency-call') < continue_at


@pytest.mark.parametrize("region", list(Region))
@pytest.mark.parametrize("row", interrupt_params(SELF_INTERRUPTS))
def test_the_very_next_page_after_a_red_flag_answer_is_its_stop_page(
    member_of_the_public: Client, row: Interrupt, region: Region
) -> None:
    with override_settings(WAYPOST_REGION=region.value):
        asked, stops = stop_pages_for(member_of_the_public, row)

    advice = advice_for(row.flag, region)
    assert_stop_page_for(row, stops[row.trigger], region, SELF_REASONS[row.flag], advice.action)
    assert asked.index(row.trigger) + 1 < len(asked)


@pytest.mark.parametrize("region", list(Region))
@pytest.mark.parametrize("row", interrupt_params(FAMILY_INTERRUPTS))
def test_family_stop_pages_speak_to_the_carer(member_of_the_public: Client, row: Interrupt, region: Region) -> None:
    with override_settings(WAYPOST_REGION=region.value):
        _, stops = stop_pages_for(member_of_the_public, row)

    advice = advice_for(row.flag, region)
    html = stops[row.trigger]
    assert_stop_page_for(row, html, region, FAMILY_REASONS[row.flag], advice.carer_action)
    assert "for them" in html or "They need" in html


def test_stop_page_title_never_names_the_answer(member_of_the_public: Client) -> None:
    member_of_the_public.post(FIRST_QUESTION, {"answer": YES})

    html = member_of_the_public.get(STOP_PAGE).content.decode()

    assert "<title>Get help now \N{EN DASH} " in html
    assert '<h1 class="stop__heading">Stop and call 999 now</h1>' in html


def test_someone_in_danger_is_stopped_at_once_then_may_continue_the_check(member_of_the_public: Client) -> None:
    response = member_of_the_public.post(FIRST_QUESTION, {"answer": YES})

    html = member_of_the_public.get(STOP_PAGE).content.decode()
    assert response["Location"] == STOP_PAGE
    assert '<p class="stop__continue"><a href="/check/question/journey.who">Continue the check</a></p>' in html


def test_each_interrupt_shows_once(member_of_the_public: Client) -> None:
    _, stops = stop_pages_for(
        member_of_the_public,
        Interrupt(
            "ending-life-intent-or-plan",
            "safety.plan-to-act",
            "emergency",
            {},
            {"safety.thoughts-of-ending-life": YES, "safety.intent-to-act": YES, "safety.wish-to-be-dead": YES},
        ),
    )

    # wish-to-be-dead raises "thoughts"; thoughts-of-ending-life raises it again; intent raises "intent or plan";
    # plan raises it again: two stop pages, each the first time its flag is raised
    assert list(stops) == ["safety.wish-to-be-dead", "safety.intent-to-act"]


def test_changing_an_answer_back_and_again_interrupts_again(member_of_the_public: Client) -> None:
    walk(member_of_the_public, {"safety.recent-behaviour": YES})

    member_of_the_public.post("/check/question/safety.recent-behaviour?change=1", {"answer": NO})
    again = member_of_the_public.post("/check/question/safety.recent-behaviour?change=1", {"answer": YES})

    assert again["Location"] == STOP_PAGE


def test_stop_page_with_nothing_to_show_returns_to_the_next_question(member_of_the_public: Client) -> None:
    member_of_the_public.post(FIRST_QUESTION, {"answer": NO})

    assert member_of_the_public.get(STOP_PAGE)["Location"] == "/check/question/journey.who"


def test_stop_page_without_a_session_says_answers_expired(member_of_the_public: Client) -> None:
    assert member_of_the_public.get(STOP_PAGE)["Location"] == "/check/expired"


@pytest.mark.parametrize("row", interrupt_params(SELF_INTERRUPTS))
def test_the_flag_stays_on_the_results_page(member_of_the_public: Client, row: Interrupt) -> None:
    walk(member_of_the_public, row.all_choices)

    html = member_of_the_public.get("/check/results").content.decode()

    assert html_module.escape(SELF_REASONS[row.flag]) in html
    assert html_module.escape(advice_for(row.flag, Region.UK).action) in html


@pytest.mark.parametrize("region", list(Region))
@pytest.mark.parametrize("row", interrupt_params(SELF_INTERRUPTS + FAMILY_INTERRUPTS))
def test_every_stop_page_offers_the_emergency_number_as_a_button_before_the_way_on(
    member_of_the_public: Client, row: Interrupt, region: Region
) -> None:
    with override_settings(WAYPOST_REGION=region.value):
        _, stops = stop_pages_for(member_of_the_public, row)

    html = stops[row.trigger]
    emergency = EMERGENCY_CALL[region]
    button = re.search(rf'<a href="{emergency}" class="emergency-call[^"]*"', html)
    assert button is not None, f"{row.flag}: no {emergency} button"
    assert button.start() < html.index("stop__continue")
