"""Tell whoever is waiting that a conversation has a new message, through PostgreSQL's LISTEN/NOTIFY (ADR 0039).

A notification names the conversation and the message's number and, when it fits, carries the message itself,
encrypted with the same keys as the stored copy (ADR 0049): the event stream then shows it without the browser
asking an app server. A system note (a chat ending, a transfer) goes by number only, so the browser reads it with
the chat's status. A missed notification costs latency, never a message: the browser reads by number after its
last one. NOTIFY is delivered when the transaction that stored the message commits, and never if it rolls back.
SQLite (the demo) has no notifications: browsers there keep asking every few seconds.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from django.db import connection

from waypost.conversations.models import Message, Sender
from waypost.core.encryption import DecryptionError, decrypt, encrypt

CHANNEL = "waypost_conversations"
PAYLOAD_LIMIT_BYTES = 8000  # PostgreSQL refuses a NOTIFY payload of this size or more


@dataclass(frozen=True)
class Notice:
    public_id: str
    number: int
    sealed: str = ""  # the message, encrypted; empty for a system note or one too long to carry


@dataclass(frozen=True)
class CarriedMessage:
    sender: str
    author_first_name: str
    body: str
    created_at: datetime.datetime


def can_push() -> bool:
    return connection.vendor == "postgresql"


def announce_message(public_id: str, message: Message) -> None:
    if not can_push():
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, notification_for(public_id, message)])


def notification_for(public_id: str, message: Message) -> str:
    numbered = notification(public_id, message.sequence)
    if message.sender == Sender.SYSTEM:
        return numbered
    carrying = notification(public_id, message.sequence, seal(message))
    return carrying if len(carrying.encode()) < PAYLOAD_LIMIT_BYTES else numbered


def notification(public_id: str, sequence: int, sealed: str = "") -> str:
    return f"{public_id}:{sequence}:{sealed}" if sealed else f"{public_id}:{sequence}"


def read_notification(payload: str) -> Notice | None:
    """`"<public id>:<number>[:<sealed message>]"` → a Notice; anything else is not ours and is ignored."""
    public_id, _, rest = payload.partition(":")
    number, _, sealed = rest.partition(":")
    return Notice(public_id, int(number), sealed) if public_id and number.isdigit() else None


def carried(message: Message) -> CarriedMessage:
    """What a notification carries of a message: all the person's transcript shows of it."""
    author = message.author.first_name if message.author else ""
    return CarriedMessage(message.sender, author, message.body, message.created_at)


def seal(message: Message) -> str:
    content = carried(message)
    fields = {
        "sender": content.sender,
        "author": content.author_first_name,
        "body": content.body,
        "at": content.created_at.isoformat(),
    }
    return encrypt(json.dumps(fields))


def unseal(sealed: str) -> CarriedMessage | None:
    """None when no key opens it (keys rotated between processes) or it is not ours: the browser then asks."""
    try:
        fields = json.loads(decrypt(sealed))
        return CarriedMessage(
            fields["sender"], fields["author"], fields["body"], datetime.datetime.fromisoformat(fields["at"])
        )
    except (DecryptionError, ValueError, KeyError, TypeError):
        return None
