"""A person and a staff member chat in two browsers: without JavaScript, then live with a dropped connection."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from tests.e2e.browser import STAFF_PAGE_WEIGHT_LIMIT_BYTES, PageRecorder, assert_page_is_sound
from tests.e2e.test_triage_journey import given_i_sign_in
from waypost.accounts.models import Organisation, User
from waypost.conversations.models import Conversation, ConversationStatus, Message, Sender


@pytest.fixture(autouse=True)
def chat_open(settings: Settings) -> None:
    settings.CHAT_HOURS = "always"


@pytest.fixture
def staff_context(browser: Browser) -> Iterator[BrowserContext]:
    browser_context = browser.new_context()
    browser_context.set_default_timeout(10_000)
    yield browser_context
    browser_context.close()


def staff_sound(recorder: PageRecorder) -> None:
    assert_page_is_sound(recorder, recorder.page.url, weight_limit=STAFF_PAGE_WEIGHT_LIMIT_BYTES)


def public_sound(person: PageRecorder, *, has_javascript: bool) -> None:
    # axe runs as a script in the page, so it audits the pages in the JavaScript-on journey
    if has_javascript:
        assert_page_is_sound(person, person.page.url)


def given_a_person_starts_a_chat(person: PageRecorder, base_url: str, *, has_javascript: bool) -> Conversation:
    person.open(base_url + "/chat/")
    public_sound(person, has_javascript=has_javascript)
    person.page.get_by_label("Your first name (optional)").fill("Sam")
    person.click_and_wait("Start a chat")
    public_sound(person, has_javascript=has_javascript)
    return Conversation.objects.get()


def when_staff_take_it(staff: PageRecorder, base_url: str, user: User, conversation: Conversation) -> None:
    given_i_sign_in(staff, base_url + "/staff/conversations/", user)
    staff_sound(staff)
    staff.click_and_wait(conversation.reference, role="link")
    staff_sound(staff)
    staff.click_and_wait("Take this conversation")
    staff_sound(staff)


def staff_reply(staff: PageRecorder, words: str) -> None:
    staff.page.get_by_label("Reply", exact=True).fill(words)
    staff.click_and_wait("Send reply")


@pytest.mark.django_db(transaction=True)
def test_a_chat_without_javascript_then_end_and_wipe(
    context_without_javascript: BrowserContext,
    staff_context: BrowserContext,
    live_server: LiveServer,
    triage_worker_a: User,
    organisation_a: Organisation,
) -> None:
    person = PageRecorder(context_without_javascript.new_page())
    staff = PageRecorder(staff_context.new_page())

    # Given I start a chat and write a message, with JavaScript off
    conversation = given_a_person_starts_a_chat(person, live_server.url, has_javascript=False)
    chat_url = person.page.url
    person.page.get_by_label("Your message").fill("Hello, is anyone there?")
    person.click_and_wait("Send")

    # When a worker takes it and replies
    when_staff_take_it(staff, live_server.url, triage_worker_a, conversation)
    expect(staff.page.get_by_text("Hello, is anyone there?")).to_be_visible()
    staff_reply(staff, "Hi Sam, I'm here. What's on your mind?")
    staff_sound(staff)

    # Then I see the reply after checking for new messages
    person.click_and_wait("Check for new messages")
    expect(person.page.get_by_text("Hi Sam, I'm here. What's on your mind?")).to_be_visible()

    # And when I end the chat it is gone from this browser at once
    person.click_and_wait("End chat and clear this screen")
    assert person.page.get_by_role("heading", level=1).inner_text() == "Your chat has ended"
    assert (person.open(chat_url) or pytest.fail("no response")).status == 404
    assert Conversation.objects.get().status == ConversationStatus.ENDED


def message_numbers(page: Page) -> list[int]:
    ids = page.eval_on_selector_all(".transcript__message", "items => items.map(item => item.id)")
    return [int(str(identifier).removeprefix("message-")) for identifier in ids]


@pytest.mark.django_db(transaction=True)
def test_a_live_chat_survives_a_dropped_connection_without_losing_or_repeating_a_message(
    context: BrowserContext,
    staff_context: BrowserContext,
    live_server: LiveServer,
    triage_worker_a: User,
    organisation_a: Organisation,
) -> None:
    person = PageRecorder(context.new_page())
    staff = PageRecorder(staff_context.new_page())
    conversation = given_a_person_starts_a_chat(person, live_server.url, has_javascript=True)
    when_staff_take_it(staff, live_server.url, triage_worker_a, conversation)

    # Given the person's page shows the worker joining without a reload
    expect(person.page.locator(".transcript__message")).to_have_count(2)
    expect(person.page.get_by_role("button", name="Check for new messages")).to_be_hidden()

    # When the person's connection drops while the worker sends two replies
    context.set_offline(True)
    staff_reply(staff, "First reply while you were offline.")
    staff_reply(staff, "Second reply while you were offline.")
    person.page.wait_for_timeout(2500)
    context.set_offline(False)
    person.forget()  # the failed fetches while offline were the point of this step, not faults

    # Then both arrive once each, in order, and the newest is announced politely
    expect(person.page.locator(".transcript__message")).to_have_count(4, timeout=45_000)
    assert message_numbers(person.page) == [1, 2, 3, 4]
    announcer = person.page.locator("[data-chat-announcer]")
    expect(announcer).to_have_attribute("aria-live", "polite")
    expect(announcer).to_contain_text("Second reply while you were offline.")
    assert list(Message.objects.filter(sender=Sender.STAFF).values_list("sequence", flat=True)) == [3, 4]
    assert_page_is_sound(person, person.page.url)

    # And ending the chat clears it, with JavaScript on too
    person.click_and_wait("End chat and clear this screen")
    assert_page_is_sound(person, person.page.url)
    assert person.page.get_by_role("heading", level=1).inner_text() == "Your chat has ended"


@pytest.mark.django_db(transaction=True)
def test_a_supervisor_uses_a_saved_reply_then_transfers_the_chat_to_a_colleague(
    context_without_javascript: BrowserContext,
    staff_context: BrowserContext,
    live_server: LiveServer,
    supervisor_a: User,
    clinician_a: User,
    organisation_a: Organisation,
) -> None:
    User.objects.filter(pk=clinician_a.pk).update(first_name="Priya", last_name="Shah")
    person = PageRecorder(context_without_javascript.new_page())
    staff = PageRecorder(staff_context.new_page())
    conversation = given_a_person_starts_a_chat(person, live_server.url, has_javascript=False)

    # Given a saved reply added on the supervisor's page
    when_staff_take_it(staff, live_server.url, supervisor_a, conversation)
    conversation_url = staff.page.url
    staff.open(live_server.url + "/staff/conversations/replies/")
    staff_sound(staff)
    staff.page.get_by_label("Title").fill("Welcome")
    staff.page.get_by_label("Reply", exact=True).fill("Thanks for getting in touch. How can I help today?")
    staff.click_and_wait("Add reply")
    staff_sound(staff)

    # When they use it, send it, and give the chat to a colleague
    staff.open(conversation_url)
    staff.click_and_wait("Use this reply")
    staff_sound(staff)
    expect(staff.page.get_by_label("Reply", exact=True)).to_have_value(
        "Thanks for getting in touch. How can I help today?"
    )
    staff.click_and_wait("Send reply")
    staff.page.get_by_label("Give this conversation to").select_option(label="Priya Shah")
    staff.click_and_wait("Transfer conversation")
    staff_sound(staff)

    # Then the person sees the reply and who they are now talking with, by first name only
    person.click_and_wait("Check for new messages")
    expect(person.page.get_by_text("Thanks for getting in touch. How can I help today?")).to_be_visible()
    expect(person.page.get_by_text("You are now talking with Priya.")).to_be_visible()
    assert Conversation.objects.get().claimed_by == clinician_a


@pytest.mark.django_db(transaction=True)
def test_a_spanish_chat_is_in_spanish_for_the_person_and_marked_spanish_for_staff(
    context: BrowserContext,
    staff_context: BrowserContext,
    live_server: LiveServer,
    triage_worker_a: User,
    organisation_a: Organisation,
    settings: Settings,
) -> None:
    settings.WAYPOST_REGION, settings.WAYPOST_REGIONS = "uk", ["uk", "us"]
    person = PageRecorder(context.new_page())
    staff = PageRecorder(staff_context.new_page())

    # Given I start a chat at the Spanish address, with JavaScript on
    person.open(live_server.url + "/us/es/chat/")
    assert_page_is_sound(person, "Spanish chat start")
    person.page.get_by_label("Su nombre (opcional)").fill("Ana")
    person.click_and_wait("Comenzar un chat")
    assert_page_is_sound(person, "Spanish chat")
    expect(person.page.get_by_text("Una persona capacitada se unirá aquí pronto.", exact=False)).to_be_visible()
    conversation = Conversation.objects.get()

    # When a worker opens the inbox, the chat is marked Spanish, and they take it and reply
    given_i_sign_in(staff, live_server.url + "/staff/conversations/", triage_worker_a)
    expect(staff.page.locator(".tag", has_text="Spanish")).to_have_count(1)
    staff.click_and_wait(conversation.reference, role="link")
    expect(staff.page.get_by_text("Language", exact=True)).to_be_visible()
    staff.click_and_wait("Take this conversation")
    staff_sound(staff)
    staff_reply(staff, "Hola Ana, aquí estoy.")

    # Then the reply arrives without a reload, and ending the chat says so in Spanish
    expect(person.page.get_by_text("Hola Ana, aquí estoy.", exact=True)).to_be_visible(timeout=15_000)
    expect(person.page.locator("[data-chat-announcer]")).to_contain_text("Persona de apoyo: Hola Ana, aquí estoy.")
    person.click_and_wait("Terminar el chat y borrar esta pantalla")
    assert person.page.get_by_role("heading", level=1).inner_text() == "Su chat terminó"
    assert_page_is_sound(person, "Spanish chat ended")


@pytest.mark.django_db(transaction=True)
def test_the_inbox_shows_a_new_chat_without_a_reload_with_its_count_in_the_title_and_a_sound_when_chosen(
    context: BrowserContext,
    staff_context: BrowserContext,
    live_server: LiveServer,
    triage_worker_a: User,
    organisation_a: Organisation,
) -> None:
    staff = PageRecorder(staff_context.new_page())
    given_i_sign_in(staff, live_server.url + "/staff/conversations/", triage_worker_a)
    staff.page.add_init_script("window.__beeps = 0;")
    expect(staff.page.get_by_text("Nobody is waiting.")).to_be_visible()

    # Given the worker turns the sound on (the browser allows sound after a click)
    staff.page.evaluate(
        "() => { const original = window.AudioContext; window.AudioContext = function () {"
        " const context = new original(); const make = context.createOscillator.bind(context);"
        " context.createOscillator = () => { window.__beeps = (window.__beeps || 0) + 1; return make(); };"
        " return context; }; }"
    )
    staff.page.get_by_role("button", name="Turn on a sound for new conversations").click()
    expect(staff.page.get_by_role("button", name="Turn off the sound for new conversations")).to_be_visible()
    beeps_after_choosing = staff.page.evaluate("() => window.__beeps")
    staff_sound(staff)

    # When a person starts a chat in another browser
    person = PageRecorder(context.new_page())
    conversation = given_a_person_starts_a_chat(person, live_server.url, has_javascript=True)

    # Then it appears in the inbox by itself, the title counts it, and a sound plays
    expect(staff.page.get_by_role("link", name=conversation.reference)).to_be_visible(timeout=25_000)
    assert staff.page.title().startswith("(1) ")
    assert staff.page.evaluate("() => window.__beeps") == beeps_after_choosing + 1
    expect(staff.page.locator("[data-inbox-announcer]")).to_have_text("A new conversation is waiting.")
    staff_sound(staff)
