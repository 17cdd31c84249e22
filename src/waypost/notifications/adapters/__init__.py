"""One adapter per way a message can leave: SMTP or files for e-mail, Twilio or files for SMS."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from waypost.notifications.adapters.base import Adapter, Delivery, DeliveryError, DeliveryOutcomeUnknown
from waypost.notifications.adapters.files import EmailFileAdapter, SmsFileAdapter
from waypost.notifications.adapters.smtp import SmtpAdapter, SmtpServer
from waypost.notifications.adapters.twilio import TwilioAdapter
from waypost.notifications.models import Channel

__all__ = [
    "Adapter",
    "Delivery",
    "DeliveryError",
    "DeliveryOutcomeUnknown",
    "adapters_from_settings",
    "describe_delivery",
]


def adapters_from_settings() -> dict[Channel, Adapter]:
    return {Channel.EMAIL: email_adapter_from_settings(), Channel.SMS: sms_adapter_from_settings()}


def email_adapter_from_settings() -> Adapter:
    if settings.EMAIL_DELIVERY == "smtp":
        server = SmtpServer(
            host=settings.EMAIL_HOST,
            port=settings.EMAIL_PORT,
            username=settings.EMAIL_HOST_USER,
            password=settings.EMAIL_HOST_PASSWORD,
            use_tls=settings.EMAIL_USE_TLS,
            timeout_seconds=settings.EMAIL_TIMEOUT,
        )
        return SmtpAdapter(server=server, from_address=settings.DEFAULT_FROM_EMAIL)
    return EmailFileAdapter(folder=settings.OUTBOX_FOLDER, from_address=settings.DEFAULT_FROM_EMAIL)


def sms_adapter_from_settings() -> Adapter:
    if settings.SMS_DELIVERY == "twilio":
        require_twilio_settings()
        return TwilioAdapter(
            account_sid=settings.TWILIO_ACCOUNT_SID,
            auth_token=settings.TWILIO_AUTH_TOKEN,
            from_number=settings.TWILIO_FROM_NUMBER,
        )
    return SmsFileAdapter(folder=settings.OUTBOX_FOLDER)


def require_twilio_settings() -> None:
    names = {
        "WAYPOST_TWILIO_ACCOUNT_SID": settings.TWILIO_ACCOUNT_SID,
        "WAYPOST_TWILIO_AUTH_TOKEN": settings.TWILIO_AUTH_TOKEN,
        "WAYPOST_TWILIO_FROM_NUMBER": settings.TWILIO_FROM_NUMBER,
    }
    missing = [name for name, value in names.items() if not value]
    if missing:
        raise ImproperlyConfigured(f"WAYPOST_SMS_BACKEND=twilio needs {', '.join(missing)}.")


def describe_delivery() -> str:
    """One line for the worker's start-up log, so an operator sees at once whether anything leaves the machine."""
    email = (
        f"SMTP {settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
        if settings.EMAIL_DELIVERY == "smtp"
        else f"files in {settings.OUTBOX_FOLDER}"
    )
    sms = "Twilio" if settings.SMS_DELIVERY == "twilio" else f"files in {settings.OUTBOX_FOLDER}"
    return f"e-mail goes to {email}; SMS goes to {sms}"
