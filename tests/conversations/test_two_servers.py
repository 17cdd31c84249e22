"""Two `waypost serve` processes, one database: a chat started on one server is continued and read on the other,
and a text arriving at either joins the same inbox (ADR 0039: the shared database carries every message).
On PostgreSQL when the suite runs on it, else on one SQLite file."""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, closing
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from benchmarks.faults.visitor import Visitor, csrf_token

from tests.deploy.test_shared_state import REPOSITORY, shared_database, shared_settings
from tests.servers import clean_environment, running_waypost
from waypost.conversations.twilio_signature import expected_signature

AUTH_TOKEN = "two-servers-auth-token"
PHONE = "+447700900321"
COUNT_PERSON_TEXTS = (
    "SELECT count(DISTINCT conversation.id), count(message.id) FROM conversations_conversation conversation "
    "JOIN conversations_message message ON message.conversation_id = conversation.id "
    "WHERE conversation.channel = 'sms' AND conversation.phone_hash = %s AND message.sender = 'person'"
)


@dataclass(frozen=True)
class TwoServers:
    first: str
    second: str
    database_url: str
    blind_index_key: str


def count_person_texts(servers: TwoServers, phone: str) -> tuple[int, int]:
    """(conversations, messages) from one number, read straight from the shared database."""
    message = f"phone\x00{phone}".encode()
    hashed = hmac.new(servers.blind_index_key.encode(), message, hashlib.sha256).hexdigest()
    if servers.database_url.startswith("sqlite:///"):
        with closing(sqlite3.connect(servers.database_url.removeprefix("sqlite:///"))) as database:
            row = database.execute(COUNT_PERSON_TEXTS.replace("%s", "?"), (hashed,)).fetchone()
    else:
        with psycopg.connect(servers.database_url) as database:
            row = database.execute(COUNT_PERSON_TEXTS, (hashed,)).fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


@pytest.fixture(scope="module")
def two_chat_servers() -> Iterator[TwoServers]:
    with tempfile.TemporaryDirectory(prefix="waypost-chat-") as name, ExitStack() as stack:
        folder = Path(name)
        database_url = stack.enter_context(shared_database(folder))
        shared = {
            **shared_settings(database_url),
            "WAYPOST_CHAT_HOURS": "always",
            "WAYPOST_TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "WAYPOST_BASE_URL": "http://127.0.0.1:8000",
        }
        first = clean_environment({**shared, "WAYPOST_DATA_DIR": str(folder / "first")})
        manage = [sys.executable, "-m", "waypost", "manage"]
        subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=first, cwd=REPOSITORY, check=True)
        # The demo's organisations: one of them receives the public's conversations
        subprocess.run([*manage, "load_demo_data"], env=first, cwd=REPOSITORY, check=True, capture_output=True)
        servers = [
            stack.enter_context(
                running_waypost(
                    ["serve", "--workers", "1"],
                    environment={**shared, "WAYPOST_DATA_DIR": str(folder / data)},
                    cwd=REPOSITORY,
                )
            )
            for data in ("first", "second")
        ]
        yield TwoServers(servers[0].base_url, servers[1].base_url, database_url, shared["WAYPOST_BLIND_INDEX_KEY"])


def test_a_chat_started_on_one_server_is_continued_and_read_on_the_other(two_chat_servers: TwoServers) -> None:
    person = Visitor()
    start = person.get(two_chat_servers.first + "/chat/")
    started = person.post_form(
        two_chat_servers.first + "/chat/", {"csrfmiddlewaretoken": csrf_token(start.body), "first_name": "Sam"}
    )
    chat_path = started.location
    page = person.get(two_chat_servers.second + chat_path)

    posted = person.post_form(
        two_chat_servers.second + chat_path + "messages",
        {"csrfmiddlewaretoken": csrf_token(page.body), "body": "Written to the second server"},
    )
    read = person.get(two_chat_servers.first + chat_path + "messages.json?after=1")

    assert started.status == 302
    assert page.status == 200
    assert posted.status == 302
    assert posted.location == chat_path + "#message-2"
    messages = json.loads(read.body)["messages"]
    assert [(m["sequence"], m["sender"], m["body"]) for m in messages] == [
        (2, "person", "Written to the second server")
    ]
    assert Visitor().get(two_chat_servers.first + chat_path).status == 404  # another session, either server


def signed_text(base_url: str, body: str) -> int:
    fields = {"From": PHONE, "To": "+447700900999", "Body": body}
    signature = expected_signature("http://127.0.0.1:8000/sms/inbound", fields.items(), auth_token=AUTH_TOKEN)
    request = urllib.request.Request(
        base_url + "/sms/inbound",
        data=urllib.parse.urlencode(fields).encode(),
        headers={"X-Twilio-Signature": signature},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return int(response.status)


def test_texts_to_either_server_continue_one_conversation(two_chat_servers: TwoServers) -> None:
    first = signed_text(two_chat_servers.first, "Hello from a phone")
    second = signed_text(two_chat_servers.second, "Still there?")

    assert (first, second) == (200, 200)
    assert count_person_texts(two_chat_servers, PHONE) == (1, 2)
