"""Push for open chats (ADR 0039): a message stored on an app server is announced at once to a browser holding an
event stream on `waypost stream`, through PostgreSQL's LISTEN/NOTIFY; without push, nothing changes."""

from __future__ import annotations

import asyncio
import datetime
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from benchmarks.faults.proxy import Proxy
from benchmarks.faults.visitor import Visitor, csrf_token
from django.db import connection
from django.test import Client
from django.utils import translation
from pytest_django.fixtures import Settings

from tests.conversations.push_site import port_of, running_pushing_site
from tests.conversations.test_chat import start_chat as start_chat_in_process
from tests.deploy.test_shared_state import REPOSITORY
from tests.servers import RunningServer, clean_environment
from waypost.accounts.models import Organisation, User
from waypost.conversations import push
from waypost.conversations.access import messages_after
from waypost.conversations.models import Message, Sender
from waypost.conversations.presenters import person_transcript
from waypost.conversations.services import add_message
from waypost.conversations.stream import CHECK_AGAIN, DATABASE_THREADS, LISTENING, Listener, event, event_for
from waypost.core.encryption import new_key

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="LISTEN/NOTIFY needs PostgreSQL")


def test_a_notification_names_the_conversation_and_the_number() -> None:
    payload = push.notification("2f1c0d5e-0000-4000-8000-000000000001", 12)

    assert push.read_notification(payload) == push.Notice("2f1c0d5e-0000-4000-8000-000000000001", 12)
    assert push.read_notification("not ours") is None
    assert push.read_notification("id:twelve") is None
    assert push.read_notification("id:12:sealed") == push.Notice("id", 12, "sealed")


def a_message(sender: Sender, body: str, *, author: User | None = None) -> Message:
    moment = datetime.datetime(2026, 12, 1, 21, 5, tzinfo=datetime.UTC)
    return Message(sequence=3, sender=sender, body=body, author=author, created_at=moment)


def test_a_notification_carries_the_message_encrypted_not_in_clear_words() -> None:
    payload = push.notification_for("chat-id", a_message(Sender.PERSON, "I used again last night"))
    notice = push.read_notification(payload)

    assert "used again" not in payload
    assert notice is not None
    assert (notice.public_id, notice.number) == ("chat-id", 3)
    assert push.unseal(notice.sealed) == push.CarriedMessage(
        "person", "", "I used again last night", datetime.datetime(2026, 12, 1, 21, 5, tzinfo=datetime.UTC)
    )


@pytest.mark.parametrize(
    ("sender", "body"),
    [
        (Sender.SYSTEM, "Sam has ended the chat."),  # read by number, with the chat's status
        (Sender.PERSON, "é" * 2000),  # written \u00e9 in JSON, then sealed, it would pass PostgreSQL's limit
    ],
)
def test_a_system_note_or_a_message_too_long_to_carry_goes_by_number_only(sender: Sender, body: str) -> None:
    assert push.notification_for("chat-id", a_message(sender, body)) == "chat-id:3"


def test_the_longest_message_in_plain_letters_is_carried() -> None:
    notice = push.read_notification(push.notification_for("chat-id", a_message(Sender.STAFF, "a" * 2000)))

    assert notice is not None
    assert push.unseal(notice.sealed) is not None


def test_a_sealed_message_no_key_opens_is_announced_by_number(settings: Settings) -> None:
    payload = push.notification_for("chat-id", a_message(Sender.PERSON, "Hello"))
    notice = push.read_notification(payload)
    settings.ENCRYPTION_KEYS = [new_key()]  # another process, keys rotated without the old one kept
    assert notice is not None

    assert push.unseal(notice.sealed) is None
    assert event_for(notice, "en-gb") == event(3)
    assert push.unseal("not a token") is None


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en-gb", "es"])
def test_an_event_shows_a_message_exactly_as_the_persons_transcript_does(
    organisation_a: Organisation, supervisor_a: User, language: str
) -> None:
    conversation = start_chat_in_process(Client())
    User.objects.filter(pk=supervisor_a.pk).update(first_name="Jo")
    supervisor_a.refresh_from_db()
    sent = [
        add_message(conversation, sender=Sender.PERSON, body="Is anyone there?\nIt is late."),
        add_message(conversation, sender=Sender.STAFF, body="I am here, Sam.", author=supervisor_a),
        add_message(conversation, sender=Sender.STAFF, body="Still here."),
    ]
    with translation.override(language):
        expected = [line.as_json() for line in person_transcript(messages_after(conversation, sent[0].sequence - 1))]

    events = [event_for(notice_of(conversation.public_id, message), language) for message in sent]

    assert [json.loads(event_data(text)) for text in events] == expected
    assert [line["who"] for line in expected] == (
        ["You", "Jo", "Support worker"] if language == "en-gb" else ["Usted", "Jo", "Persona de apoyo"]
    )


def notice_of(public_id: object, message: Message) -> push.Notice:
    notice = push.read_notification(push.notification_for(str(public_id), message))
    assert notice is not None
    assert notice.sealed
    return notice


def event_data(text: str) -> str:
    """The one data line of an event: a line break in a message must not split it."""
    lines = text.rstrip("\n").split("\n")
    assert [line.split(":", 1)[0] for line in lines] == ["id", "event", "data"]
    return lines[2].removeprefix("data: ")


def test_the_listener_wakes_only_the_streams_of_that_conversation() -> None:
    async def scenario() -> tuple[list[int], list[int]]:
        listener = Listener()
        listener.task = asyncio.get_running_loop().create_task(asyncio.sleep(3600))  # no database here
        mine, other = listener.subscribe("mine"), listener.subscribe("other")
        listener.deliver(push.notification("mine", 4))
        listener.wake_everyone()
        listener.unsubscribe("other", other)
        listener.deliver(push.notification("other", 9))
        listener.task.cancel()
        return drain(mine), drain(other)

    assert asyncio.run(scenario()) == ([4, CHECK_AGAIN], [CHECK_AGAIN])


def drain(queue: asyncio.Queue[push.Notice]) -> list[int]:
    found = []
    while not queue.empty():
        found.append(queue.get_nowait().number)
    return found


def test_an_event_carries_the_number_as_its_id_so_a_reconnect_resumes_from_it() -> None:
    assert event(7) == "id: 7\nevent: message\ndata: 7\n\n"
    assert event(CHECK_AGAIN) == "event: message\ndata: check\n\n"


def test_an_app_server_never_holds_a_stream_and_the_page_keeps_asking(
    organisation_a: Organisation, settings: Settings
) -> None:
    settings.CHAT_PUSH = True  # even when the site pushes, a WSGI app server refuses to hold a stream
    client = Client()
    conversation = start_chat_in_process(client)
    path = f"/chat/{conversation.public_id}/"

    assert client.get(path + "events").status_code == 404
    assert 'data-events-url="' + path + 'events"' in client.get(path).content.decode()
    settings.CHAT_PUSH = False
    assert "data-events-url" not in client.get(path).content.decode()


@pytest.fixture(scope="module")
def pushing_site() -> Iterator[tuple[RunningServer, RunningServer]]:
    with tempfile.TemporaryDirectory(prefix="waypost-push-") as name, running_pushing_site(Path(name)) as site:
        yield site.app, site.streams


class EventStream:
    """A browser's EventSource, read line by line from a raw connection, with the chat's session cookie."""

    def __init__(self, base_url: str, path: str, cookie: str, *, last_event_id: int | None = None) -> None:
        address = urllib.parse.urlsplit(base_url)
        self.connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=10)
        headers = {"Cookie": cookie, "Accept": "text/event-stream"}
        if last_event_id is not None:
            headers["Last-Event-ID"] = str(last_event_id)
        self.connection.request("GET", path, headers=headers)
        self.response = self.connection.getresponse()

    def next_event(self) -> dict[str, str]:
        fields: dict[str, str] = {}
        while True:
            line = self.response.readline().decode().rstrip("\r\n")
            if line == "" and fields:
                return fields
            name, _, value = line.partition(": ")
            if name and not line.startswith(":"):
                fields[name] = value

    def wait_until_listening(self) -> None:
        """Past the stream's catch-up read: a message sent before it may be announced by number only."""
        while self.response.readline().decode().rstrip("\r\n") != LISTENING:
            pass

    def next_message_event(self) -> dict[str, str]:
        """The next event naming a message; "check again" events (the listener connecting) are skipped."""
        while True:
            found = self.next_event()
            if found.get("data") != "check":
                return found

    def close(self) -> None:
        self.connection.close()


def cookie_header(visitor: Visitor) -> str:
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in visitor.cookies)


def start_chat(app: RunningServer) -> tuple[Visitor, str, str]:
    visitor = Visitor(timeout=10)
    start = visitor.get(app.base_url + "/chat/")
    answer = visitor.post_form(app.base_url + "/chat/", {"csrfmiddlewaretoken": csrf_token(start.body)})
    page = visitor.get(app.base_url + answer.location)
    return visitor, answer.location, csrf_token(page.body)


@on_postgresql
def test_a_message_posted_on_an_app_server_is_announced_at_once_on_the_stream(
    pushing_site: tuple[RunningServer, RunningServer],
) -> None:
    app, streams = pushing_site
    visitor, path, token = start_chat(app)
    assert "data-events-url" in visitor.get(app.base_url + path).body
    stream = EventStream(streams.base_url, path + "events", cookie_header(visitor), last_event_id=1)
    try:
        assert stream.response.status == 200
        assert stream.response.getheader("Content-Type", "").startswith("text/event-stream")
        assert stream.next_event() == {"retry": "2000"}
        stream.wait_until_listening()
        visitor.post_form(app.base_url + path + "messages", {"csrfmiddlewaretoken": token, "body": "Are you there?"})

        announced = stream.next_message_event()
        assert (announced["id"], announced["event"]) == ("2", "message")
        shown = json.loads(announced["data"])
        assert (shown["sequence"], shown["who"], shown["body"]) == (2, "You", "Are you there?")
    finally:
        stream.close()


@on_postgresql
def test_a_browser_reconnecting_from_an_older_number_is_told_at_once(
    pushing_site: tuple[RunningServer, RunningServer],
) -> None:
    app, streams = pushing_site
    visitor, path, token = start_chat(app)
    visitor.post_form(app.base_url + path + "messages", {"csrfmiddlewaretoken": token, "body": "While you were away"})

    stream = EventStream(streams.base_url, path + "events", cookie_header(visitor), last_event_id=1)
    try:
        assert stream.next_event() == {"retry": "2000"}
        assert stream.next_message_event() == {"id": "2", "event": "message", "data": "2"}
    finally:
        stream.close()


@on_postgresql
def test_nginx_from_deploy_passes_each_event_on_at_once(pushing_site: tuple[RunningServer, RunningServer]) -> None:
    app, streams = pushing_site
    with tempfile.TemporaryDirectory(prefix="waypost-push-proxy-") as name:
        folder = Path(name)
        folder.chmod(0o755)  # nginx's workers run as another account
        proxy = Proxy(folder / "nginx", static_root=folder, fallback_root=folder)
        proxy.start([port_of(app)], [port_of(streams)])
        try:
            visitor, path, token = start_chat(RunningServer(proxy.base_url, app.process))
            stream = EventStream(proxy.base_url, path + "events", cookie_header(visitor), last_event_id=1)
            assert stream.next_event() == {"retry": "2000"}
            stream.wait_until_listening()
            visitor.post_form(proxy.base_url + path + "messages", {"csrfmiddlewaretoken": token, "body": "Hello?"})

            assert json.loads(stream.next_message_event()["data"])["body"] == "Hello?"
            stream.close()
        finally:
            proxy.stop()


@on_postgresql
def test_another_browser_cannot_listen_to_a_chat(pushing_site: tuple[RunningServer, RunningServer]) -> None:
    app, streams = pushing_site
    _, path, _ = start_chat(app)
    stranger, _, _ = start_chat(app)

    stream = EventStream(streams.base_url, path + "events", cookie_header(stranger))
    try:
        assert stream.response.status == 404
    finally:
        stream.close()


def test_stream_refuses_to_start_without_push(tmp_path: Path) -> None:
    environment = clean_environment({"WAYPOST_DATA_DIR": str(tmp_path), "WAYPOST_HTTPS": "false"})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    finished = subprocess.run(
        [sys.executable, "-m", "waypost", "stream", "--port", str(port)],
        env=environment,
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert finished.returncode == 2
    assert "set WAYPOST_CHAT_PUSH=true (with PostgreSQL) first" in finished.stderr


@on_postgresql
def test_streams_opening_all_at_once_share_a_few_database_connections(
    pushing_site: tuple[RunningServer, RunningServer],
) -> None:
    app, streams = pushing_site
    chats = [start_chat(app) for _ in range(24)]
    with ConnectionsPeak(streams.process.pid) as peak, ThreadPoolExecutor(len(chats)) as pool:
        # As after `waypost stream` restarts: every open chat page reconnects at the same moment
        opened = list(pool.map(lambda chat: listening_stream(streams, chat), chats))
    for stream in opened:
        stream.close()

    assert peak.most <= DATABASE_THREADS + 1  # the shared reading threads, and the one LISTEN connection


def listening_stream(streams: RunningServer, chat: tuple[Visitor, str, str]) -> EventStream:
    visitor, path, _ = chat
    stream = EventStream(streams.base_url, path + "events", cookie_header(visitor), last_event_id=1)
    stream.wait_until_listening()
    return stream


class ConnectionsPeak:
    """The most connections to PostgreSQL's port one process held at once, sampled while the block runs."""

    def __init__(self, pid: int, port: int = 5432) -> None:
        self.pid, self.port, self.most = pid, port, 0
        self.done = threading.Event()
        self.sampler = threading.Thread(target=self.sample, daemon=True)

    def __enter__(self) -> ConnectionsPeak:
        self.sampler.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.done.set()
        self.sampler.join(timeout=10)

    def sample(self) -> None:
        while not self.done.wait(0.002):
            self.most = max(self.most, self.count())

    def count(self) -> int:
        sockets = {os.readlink(entry) for entry in Path(f"/proc/{self.pid}/fd").iterdir() if entry.is_symlink()}
        established = 0
        for table in ("tcp", "tcp6"):
            for row in Path(f"/proc/{self.pid}/net/{table}").read_text().splitlines()[1:]:
                fields = row.split()
                remote_port, state, inode = int(fields[2].rsplit(":", 1)[1], 16), fields[3], fields[9]
                if remote_port == self.port and state == "01" and f"socket:[{inode}]" in sockets:
                    established += 1
        return established
