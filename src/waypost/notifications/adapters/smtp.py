"""E-mail over SMTP with Django's EmailMessage, one connection per message so one failure cannot spoil another."""

from __future__ import annotations

import contextlib
import smtplib
from dataclasses import dataclass
from email.utils import parseaddr

from django.core.mail import EmailMessage
from django.core.mail.backends.smtp import EmailBackend

from waypost.notifications.adapters.base import Delivery, DeliveryError, DeliveryOutcomeUnknown

FALLBACK_MESSAGE_ID_DOMAIN = "waypost.invalid"
PERMANENT_REFUSAL_CODE = 500


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    username: str = ""
    password: str = ""
    use_tls: bool = True
    timeout_seconds: float = 30


class SmtpAdapter:
    def __init__(self, *, server: SmtpServer, from_address: str) -> None:
        self.server = server
        self.from_address = from_address

    def send(self, delivery: Delivery) -> str:
        message_id = message_id_for(delivery.delivery_key, from_address=self.from_address)
        message = build_email(delivery, from_address=self.from_address, message_id=message_id)
        connection = self.connect()
        try:
            open_session(connection)
            hand_over(connection, message)
        finally:
            close_quietly(connection)
        return message_id

    def connect(self) -> EmailBackend:
        return EmailBackend(
            host=self.server.host,
            port=self.server.port,
            username=self.server.username,
            password=self.server.password,
            use_tls=self.server.use_tls,
            use_ssl=False,
            timeout=self.server.timeout_seconds,
            fail_silently=False,
        )


def build_email(delivery: Delivery, *, from_address: str, message_id: str = "") -> EmailMessage:
    headers = {
        "Message-ID": message_id or message_id_for(delivery.delivery_key, from_address=from_address),
        # Asks auto-responders not to answer (RFC 3834)
        "Auto-Submitted": "auto-generated",
    }
    return EmailMessage(
        subject=delivery.subject, body=delivery.body, from_email=from_address, to=[delivery.recipient], headers=headers
    )


def message_id_for(delivery_key: str, *, from_address: str) -> str:
    """The same Message-ID on every attempt, so mail systems that remove duplicates can do so."""
    domain = parseaddr(from_address)[1].rpartition("@")[2] or FALLBACK_MESSAGE_ID_DOMAIN
    return f"<{delivery_key}@{domain}>"


def open_session(connection: EmailBackend) -> None:
    """Nothing has been handed over yet, so every failure here is safe to retry."""
    try:
        connection.open()
    except smtplib.SMTPResponseException as error:
        raise DeliveryError(f"The SMTP server refused the session ({error.smtp_code}).", detail=str(error)) from error
    except OSError as error:
        summary = f"The SMTP server could not be reached ({type(error).__name__})."
        raise DeliveryError(summary, detail=str(error)) from error


def hand_over(connection: EmailBackend, message: EmailMessage) -> None:
    try:
        connection.send_messages([message])
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _ in error.recipients.values()]
        is_permanent = all(code >= PERMANENT_REFUSAL_CODE for code in codes)
        summary = f"The SMTP server refused the recipient ({', '.join(map(str, codes))})."
        raise DeliveryError(summary, detail=str(error.recipients), is_permanent=is_permanent) from error
    except smtplib.SMTPResponseException as error:
        raise DeliveryError(f"The SMTP server refused the message ({error.smtp_code}).", detail=str(error)) from error
    except OSError as error:
        # Disconnected or timed out mid-conversation: the server may already have queued it
        summary = f"The SMTP conversation broke off ({type(error).__name__})."
        raise DeliveryOutcomeUnknown(summary, detail=str(error)) from error


def close_quietly(connection: EmailBackend) -> None:
    # The outcome is already known; a failing QUIT must not change it
    with contextlib.suppress(OSError):
        connection.close()
