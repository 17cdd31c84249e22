from __future__ import annotations

import html as html_module
import json
import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.intake.walker import DEFAULT_ANSWERS, fill_in
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
from waypost.intake.models import ContactDraft, ContactRequest
from waypost.intake.pages import PAGES
from waypost.notifications.models import OutboundMessage

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
        cursor.execute("SELECT answers FROM intake_contactdraft")
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

    assert "Enter a phone number, like 07400 123456" in response.content.decode()
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


def test_a_landline_given_for_texts_is_refused_in_plain_words(member_of_the_public: Client) -> None:
    fill_in(member_of_the_public, {"how": {"contact_methods": ["text"]}})

    response = member_of_the_public.post("/contact/phone?change=1", {"phone": "020 7946 0000"})

    html = html_module.unescape(response.content.decode())
    assert response.status_code == 200
    assert "This looks like a landline, which cannot receive texts. Give a mobile number, or choose another" in html
    member_of_the_public.post("/contact/send")
    assert ContactRequest.objects.get().phone == "+447911123456"


def test_choosing_texts_after_giving_a_landline_asks_for_the_number_again(member_of_the_public: Client) -> None:
    fill_in(member_of_the_public, {"how": {"contact_methods": ["call"]}, "phone": {"phone": "020 7946 0000"}})

    response = member_of_the_public.post("/contact/how?change=1", {"contact_methods": ["text"]})
    phone_page = html_module.unescape(member_of_the_public.get("/contact/phone").content.decode())

    assert response["Location"] == "/contact/phone"
    assert "This looks like a landline, which cannot receive texts." in phone_page
    assert 'value="+442079460000"' in phone_page or 'value="020 7946 0000"' in phone_page
    assert member_of_the_public.post("/contact/send", follow=True).redirect_chain[-1][0] == "/contact/phone"
    assert ContactRequest.objects.count() == 0


def test_a_us_number_in_national_format_is_accepted_on_the_web(member_of_the_public: Client) -> None:
    fill_in(member_of_the_public, {"phone": {"phone": "(312) 555-0142"}})

    member_of_the_public.post("/contact/send")

    assert ContactRequest.objects.get().phone == "+13125550142"


@override_settings(TEAM_PHONE="0113 496 0000", TEAM_EMAIL="help@example.org")
def test_the_sent_page_says_how_to_reach_the_team_quoting_the_reference(member_of_the_public: Client) -> None:
    fill_in(member_of_the_public)

    html = member_of_the_public.post("/contact/send", follow=True).content.decode()

    assert '<a href="tel:+441134960000">0113 496 0000</a>' in html
    assert '<a href="mailto:help@example.org">help@example.org</a>' in html
    assert ContactRequest.objects.get().reference in html


@override_settings(TEAM_PHONE="", TEAM_EMAIL="")
def test_the_sent_page_without_team_details_says_plainly_how_to_reach_the_team(member_of_the_public: Client) -> None:
    fill_in(member_of_the_public)

    html = member_of_the_public.post("/contact/send", follow=True).content.decode()

    assert "tel:" not in html
    assert "mailto:" not in html
    assert "To tell us something about this request, " in html
    assert '<a href="/contact/">send us another request</a> and give your reference' in html
    assert '<a href="/urgent">get urgent help now</a>' in html


@pytest.mark.parametrize(
    ("methods", "texting", "wording"),
    [
        (["text"], "yes", "text"),
        (["call", "text"], "yes", "phone or text"),
        (["call"], "yes", "phone"),
    ],
)
def test_the_confirmation_text_names_the_way_the_person_chose(
    member_of_the_public: Client, methods: list[str], texting: str, wording: str
) -> None:
    fill_in(member_of_the_public, {"how": {"contact_methods": methods}, "texting": {"safe_to_text": texting}})

    member_of_the_public.post("/contact/send")

    text = OutboundMessage.objects.get(template="request-received")
    assert text.channel == "sms"
    assert text.body.startswith(
        f"We have your request (reference {text.reference}) and aim to contact you by {wording} "
    )
    assert "call back" not in text.body


def test_the_confirmation_email_names_the_ways_the_person_chose(member_of_the_public: Client) -> None:
    fill_in(member_of_the_public, {"how": {"contact_methods": ["text", "email"]}})

    member_of_the_public.post("/contact/send")

    email = OutboundMessage.objects.get(template="request-received")
    assert email.channel == "email"
    assert "Thank you for your request to be contacted by text or email." in email.body
    assert "call back" not in email.body


H1 = re.compile(r"<h1[\s>]")


def headings_on_the_way(client: Client, start: str, answers: dict[str, dict[str, object]]) -> dict[str, int]:
    """Open each page of the journey before answering it; return how many h1 elements each page has."""
    chosen = {**DEFAULT_ANSWERS, **answers}
    counts: dict[str, int] = {}
    url = start
    while url.startswith("/contact/") and url != "/contact/check-answers" and len(counts) < 30:
        slug = url.removeprefix("/contact/").split("?")[0]
        page = client.get(url)
        if page.status_code == 302:
            url = page["Location"]
            continue
        counts[slug] = len(H1.findall(page.content.decode()))
        url = client.post(url, chosen[slug])["Location"]
    return counts


def test_every_page_of_the_contact_journey_has_exactly_one_h1(member_of_the_public: Client) -> None:
    walk_selfcheck(member_of_the_public)
    counts = headings_on_the_way(member_of_the_public, "/contact/who?from=check", {})
    counts["who"] = len(H1.findall(member_of_the_public.get("/contact/who?change=1").content.decode()))
    other = Client()
    counts |= headings_on_the_way(other, "/contact/who", {"who": {"for_whom": "someone-else"}})
    counts["start"] = len(H1.findall(other.get("/contact/").content.decode()))
    counts["check-answers"] = len(H1.findall(other.get("/contact/check-answers").content.decode()))
    counts["sent"] = len(H1.findall(other.post("/contact/send", follow=True).content.decode()))
    counts["expired"] = len(H1.findall(Client().get("/contact/expired").content.decode()))
    counts["too-many"] = len(H1.findall(render_to_string("intake/too_many.html")))

    assert set(counts) >= {*PAGES, "start", "check-answers", "sent", "expired", "too-many"}
    assert {slug: count for slug, count in counts.items() if count != 1} == {}


@pytest.mark.parametrize(
    ("mode", "for_whom", "first_question"),
    [("self", "self", "/contact/how"), ("family", "someone-else", "/contact/relationship")],
)
def test_a_request_from_the_self_check_knows_who_the_help_is_for(
    member_of_the_public: Client, mode: str, for_whom: str, first_question: str
) -> None:
    walk_selfcheck(member_of_the_public, {"journey.who": mode})

    response = member_of_the_public.get("/contact/who?from=check")
    asked = fill_in(member_of_the_public, start=first_question.removeprefix("/contact/"))
    check = member_of_the_public.get("/contact/check-answers").content.decode()
    member_of_the_public.post("/contact/send")

    assert response["Location"] == first_question
    assert "who" not in asked
    assert '<a href="/contact/who?change=1">Change<span class="visually-hidden"> help for</span></a>' in check
    assert ContactRequest.objects.get().for_whom == for_whom


def test_who_the_help_is_for_can_still_be_changed_after_a_self_check(member_of_the_public: Client) -> None:
    walk_selfcheck(member_of_the_public)
    member_of_the_public.get("/contact/who?from=check")
    fill_in(member_of_the_public, start="how")

    change = member_of_the_public.get("/contact/who?change=1")
    response = member_of_the_public.post("/contact/who?change=1", {"for_whom": "someone-else"})

    assert change.status_code == 200
    assert 'value="self" checked' in change.content.decode()
    assert response["Location"] == "/contact/relationship"


def test_a_request_not_from_the_self_check_still_asks_who_the_help_is_for(member_of_the_public: Client) -> None:
    walk_selfcheck(member_of_the_public)

    response = member_of_the_public.get("/contact/who")

    assert response.status_code == 200
    assert "Who would you like help for?" in response.content.decode()


@pytest.mark.django_db
def test_check_answers_has_a_change_link_to_each_page_with_an_answer_row(member_of_the_public: Client) -> None:
    fill_in(member_of_the_public)

    html = member_of_the_public.get("/contact/check-answers").content.decode()

    links = re.findall(r'<a href="(/contact/[^"]+)">Change<', html)
    rows = re.findall(r'<a href="/contact/([^"?]+)\?change=1">Change<', html)
    assert links == [reverse("intake:page", args=[slug]) + "?change=1" for slug in rows]
    assert {"who", "how", "phone", "email", "name", "consent"} <= set(rows)
