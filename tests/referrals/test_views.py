from __future__ import annotations

import html as html_module
import json
import re

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from tests.referrals.walker import fill_in
from tests.selfcheck.interrupt_table import (
    FAMILY_INTERRUPTS,
    SELF_INTERRUPTS,
    Interrupt,
    interrupt_params,
)
from tests.selfcheck.walker import walk as walk_selfcheck
from waypost.core.advice import advice_for
from waypost.core.helplines import Region
from waypost.instruments.terminology import YES
from waypost.notifications.models import OutboundMessage
from waypost.referrals.models import ContactDraft, ContactRequest

pytestmark = pytest.mark.django_db


def test_start_page_sets_no_cookie_and_says_a_person_reads_requests_later(member_of_the_public: Client) -> None:
    response = member_of_the_public.get("/contact/")

    assert response.status_code == 200
    assert response.cookies == {}
    assert "not straight away" in response.content.decode()


def test_whole_journey_stores_one_encrypted_request_and_two_messages(member_of_the_public: Client) -> None:
    asked = fill_in(member_of_the_public)

    check = member_of_the_public.get("/contact/check-answers").content.decode()
    response = member_of_the_public.post("/contact/send", follow=True)

    request = ContactRequest.objects.get()
    assert asked == ["who", "how", "phone", "email", "times", "voicemail", "texting", "name", "area", "help", "consent"]
    assert "+447911123456" in check
    assert request.phone == "+447911123456"
    assert request.email == "sam@example.com"
    assert request.help_with == "I want to stop using ketamine and my bladder hurts"
    assert request.voicemail_ok is False
    assert request.safe_to_text is True
    assert request.reference in response.content.decode()
    assert sorted(OutboundMessage.objects.values_list("template", flat=True)) == ["request-received", "team-alert"]
    assert ContactDraft.objects.count() == 0


def test_check_answers_lists_every_answer_but_not_the_honeypot(member_of_the_public: Client) -> None:
    fill_in(member_of_the_public)

    html = member_of_the_public.get("/contact/check-answers").content.decode()

    assert re.findall(r'<dt class="summary-list__key">(.*?)</dt>', html) == [
        "Help for",
        "How to contact you",
        "Phone number",
        "Email address",
        "Best times",
        "Notes on contacting you",
        "Voicemail or say who we are",
        "Safe to text",
        "Name to use",
        "Where you live",
        "What you would like help with",
        "How we use your information",
    ]
    assert '<dd class="summary-list__value">Not before 6pm please</dd>' in html
    assert "Leave this empty" not in html


def test_answering_a_page_reads_the_draft_once_and_keeps_it_encrypted(member_of_the_public: Client) -> None:
    member_of_the_public.post("/contact/who", {"for_whom": "self"})

    with CaptureQueriesContext(connection) as queries:
        member_of_the_public.post("/contact/how", {"contact_methods": ["email"]})

    statements = [query["sql"].split()[0] for query in queries.captured_queries]
    assert statements == ["SELECT", "UPDATE"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers FROM referrals_contactdraft")
        (stored,) = cursor.fetchone()
    assert "contact_methods" not in stored
    assert ContactDraft.objects.get().answers.startswith('{"')


def test_each_required_page_explains_a_missing_answer(member_of_the_public: Client) -> None:
    response = member_of_the_public.post("/contact/who", {})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Who would you like help for?" in html
    assert '<a href="#id_for_whom_0">Select who you are asking for</a>' in html


def test_bad_phone_number_is_explained_and_nothing_is_sent(member_of_the_public: Client) -> None:
    fill_in(member_of_the_public)

    response = member_of_the_public.post("/contact/phone?change=1", {"phone": "12345"})

    assert "Enter a phone number, like 07700 900 982" in response.content.decode()
    assert ContactRequest.objects.count() == 0


def test_someone_else_journey_asks_how_they_know_them(member_of_the_public: Client) -> None:
    asked = fill_in(member_of_the_public, {"who": {"for_whom": "someone-else"}, "how": {"contact_methods": ["email"]}})

    assert asked[:3] == ["who", "relationship", "person-knows"]
    member_of_the_public.post("/contact/send")
    request = ContactRequest.objects.get()
    assert (request.relationship, request.person_knows) == ("friend", "no")


def test_changing_contact_method_forgets_the_number_no_longer_needed(member_of_the_public: Client) -> None:
    fill_in(member_of_the_public)

    member_of_the_public.post("/contact/how?change=1", {"contact_methods": ["email"]})
    member_of_the_public.post("/contact/send")

    request = ContactRequest.objects.get()
    assert request.phone is None
    assert request.can_call is False


def test_free_text_over_the_limit_is_refused_with_the_limit_named(member_of_the_public: Client) -> None:
    fill_in(member_of_the_public)

    response = member_of_the_public.post("/contact/help?change=1", {"help_with": "x" * 1001})

    assert "What would you like help with? must be 1,000 characters or fewer" not in response.content.decode()
    assert "What you would like help with must be 1,000 characters or fewer" in response.content.decode()


def test_honeypot_filled_by_a_bot_stores_nothing(member_of_the_public: Client) -> None:
    fill_in(member_of_the_public, {"consent": {"consent": "on", "website": "http://spam.example"}})

    response = member_of_the_public.post("/contact/send", follow=True)

    assert response.status_code == 200
    assert ContactRequest.objects.count() == 0
    assert OutboundMessage.objects.count() == 0
    assert ContactDraft.objects.count() == 0


@override_settings(CONTACT_RATE_LIMIT_PER_HOUR=1)
def test_too_many_requests_from_one_client_shows_a_call_us_page(member_of_the_public: Client) -> None:
    fill_in(member_of_the_public)
    member_of_the_public.post("/contact/send")
    fill_in(member_of_the_public)

    response = member_of_the_public.post("/contact/send")

    assert response.status_code == 429
    assert "please call us instead" in response.content.decode()
    assert ContactRequest.objects.count() == 1


def test_later_page_without_a_journey_says_it_expired(member_of_the_public: Client) -> None:
    response = member_of_the_public.get("/contact/phone", follow=True)

    assert response.redirect_chain == [("/contact/expired", 302)]


def test_sending_twice_stores_one_request(member_of_the_public: Client) -> None:
    fill_in(member_of_the_public)

    member_of_the_public.post("/contact/send")
    second = member_of_the_public.post("/contact/send")

    assert second["Location"] == "/contact/expired"
    assert ContactRequest.objects.count() == 1


def test_attaching_a_selfcheck_summary_shows_its_care_card(member_of_the_public: Client) -> None:
    walk_selfcheck(member_of_the_public, {"safety.thoughts-of-ending-life": YES, "safety.plan-to-act": YES})
    asked = fill_in(member_of_the_public, start="who?from=check")

    response = member_of_the_public.post("/contact/send", follow=True)

    request = ContactRequest.objects.get()
    assert "selfcheck" in asked
    assert request.has_red_flag
    assert "ending-life-intent-or-plan" in (request.selfcheck_summary or "")
    assert "LA33-6" not in (request.selfcheck_summary or "")
    assert "Call 999 now" in response.content.decode()


def test_summary_is_not_offered_without_coming_from_results(member_of_the_public: Client) -> None:
    walk_selfcheck(member_of_the_public)

    assert "selfcheck" not in fill_in(member_of_the_public)


@pytest.mark.parametrize("row", interrupt_params(SELF_INTERRUPTS + FAMILY_INTERRUPTS))
def test_a_flag_that_stopped_the_check_stays_in_the_contact_request_summary(
    member_of_the_public: Client, row: Interrupt
) -> None:
    stops: dict[str, str] = {}
    walk_selfcheck(member_of_the_public, row.all_choices, stops=stops)
    fill_in(member_of_the_public, start="who?from=check")

    member_of_the_public.post("/contact/send")

    request = ContactRequest.objects.get()
    assert row.trigger in stops
    assert request.has_red_flag
    assert any(row.flag in entry["flags"] for entry in json.loads(request.selfcheck_summary or "[]"))


@pytest.mark.parametrize(("rows", "mode"), [(FAMILY_INTERRUPTS, "family"), (SELF_INTERRUPTS, "self")])
def test_the_sent_page_gives_care_cards_in_the_words_of_whoever_did_the_check(
    member_of_the_public: Client, rows: tuple[Interrupt, ...], mode: str
) -> None:
    row = rows[-1]
    walk_selfcheck(member_of_the_public, row.all_choices)
    fill_in(member_of_the_public, start="who?from=check")

    html = member_of_the_public.post("/contact/send", follow=True).content.decode()

    advice = advice_for(row.flag, Region.UK)
    expected, other = (advice.carer_action, advice.action) if mode == "family" else (advice.action, advice.carer_action)
    assert html_module.escape(expected) in html
    assert html_module.escape(other) not in html
