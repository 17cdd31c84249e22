"""Chat with push, in Chromium through the reference nginx site (ADR 0039, 0049): a staff reply stored on the app
server reaches the person's screen from the event stream itself, with no read of the messages, and is announced."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from benchmarks.faults.proxy import Proxy
from django.db import connection
from playwright.sync_api import BrowserContext, Request, expect

from tests.conversations.push_site import PushingSite, port_of, running_pushing_site
from tests.e2e.browser import PageRecorder, assert_page_is_sound

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="LISTEN/NOTIFY needs PostgreSQL")

STAFF_REPLY = """\
from waypost.conversations.models import Conversation, Sender
from waypost.conversations.services import add_message
add_message(Conversation.objects.get(public_id="{public_id}"), sender=Sender.STAFF, body="{body}")
"""


@pytest.fixture(scope="module")
def site_behind_nginx() -> Iterator[tuple[PushingSite, Proxy]]:
    with tempfile.TemporaryDirectory(prefix="waypost-push-browser-") as name:
        folder = Path(name)
        folder.chmod(0o755)  # nginx's workers run as another account
        with running_pushing_site(folder) as site:
            proxy = Proxy(folder / "nginx", static_root=folder / "static", fallback_root=folder)
            proxy.start([port_of(site.app)], [port_of(site.streams)])
            try:
                yield site, proxy
            finally:
                proxy.stop()


def reply_from_staff(site: PushingSite, public_id: str, body: str) -> None:
    site.manage("shell", "-c", STAFF_REPLY.format(public_id=public_id, body=body))


def test_a_staff_reply_arrives_in_the_event_itself_and_is_announced(
    context: BrowserContext, site_behind_nginx: tuple[PushingSite, Proxy]
) -> None:
    site, proxy = site_behind_nginx
    person = PageRecorder(context.new_page())
    reads: list[str] = []
    streams: list[str] = []

    def note(request: Request) -> None:
        if "messages.json" in request.url:
            reads.append(request.url)
        elif request.url.endswith("/events") or "/events?" in request.url:
            streams.append(request.url)

    person.page.on("request", note)
    # Given I start a chat, with JavaScript on, on a site that pushes
    person.page.goto(proxy.base_url + "/chat/", wait_until="load")
    person.page.get_by_label("Your first name (optional)").fill("Sam")
    with person.page.expect_navigation(wait_until="load"):
        person.page.get_by_role("button", name="Start a chat", exact=True).click()
    assert_page_is_sound(person, person.page.url)
    public_id = person.page.url.rstrip("/").rsplit("/", 1)[1]
    expect(person.page.locator(".transcript__message")).to_have_count(1)  # the welcome
    # The page opens its event stream (held open, so the network never goes idle: no waiting for that)
    deadline = time.monotonic() + 10
    while not streams and time.monotonic() < deadline:
        person.page.wait_for_timeout(100)
    assert streams, "the chat page did not open its event stream"
    person.page.wait_for_timeout(1000)  # the stream subscribes after its headers are sent
    reads_before = len(reads)

    # When a support worker replies on the app server
    reply_from_staff(site, public_id, "Hi Sam, I am here. Take your time.")

    # Then it appears at once, is announced politely, and the page never asked the app server for it
    expect(person.page.locator("#message-2")).to_contain_text("Hi Sam, I am here. Take your time.", timeout=5_000)
    announcer = person.page.locator("[data-chat-announcer]")
    expect(announcer).to_have_attribute("aria-live", "polite")
    expect(announcer).to_have_text("Support worker: Hi Sam, I am here. Take your time.")
    assert len(reads) == reads_before, f"the page read messages it was pushed: {reads[reads_before:]}"
    expect(person.page.locator("#message-2")).to_have_count(1)

    # And a second reply follows in order, shown once
    reply_from_staff(site, public_id, "Whenever you are ready.")
    expect(person.page.locator(".transcript__message")).to_have_count(3, timeout=5_000)
    assert len(reads) == reads_before
    expect(person.page.locator(".transcript__message").last).to_contain_text("Whenever you are ready.")
