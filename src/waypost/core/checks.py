"""Deployment checks of our own, run by `waypost manage check --deploy`."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

THIS_MACHINE = ("127.0.0.1", "localhost", "::1")


@register(Tags.security, deploy=True)
def messages_are_really_sent(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """The demo writes e-mail and SMS into the data folder; in production that would keep addresses on disk."""
    warnings: list[CheckMessage] = []
    if settings.EMAIL_DELIVERY == "file":
        warnings.append(
            Warning(
                "E-mail is written to files in the data folder, not sent.",
                hint="Set WAYPOST_EMAIL_BACKEND=smtp and the WAYPOST_SMTP_* variables.",
                id="waypost.W001",
            )
        )
    if settings.SMS_DELIVERY == "file":
        warnings.append(
            Warning(
                "Text messages are written to files in the data folder, not sent.",
                hint="Set WAYPOST_SMS_BACKEND=twilio and the WAYPOST_TWILIO_* variables.",
                id="waypost.W002",
            )
        )
    return warnings


@register(Tags.security, deploy=True)
def links_in_messages_reach_the_site(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """Every link in an e-mail or text starts with WAYPOST_BASE_URL; left at this machine, none of them opens."""
    address = urlsplit(settings.BASE_URL)
    if address.hostname in THIS_MACHINE:
        return [
            Error(
                f"Links in e-mails and texts point at this machine ({settings.BASE_URL}), so nobody can open them.",
                hint="Set WAYPOST_BASE_URL to the address people reach this site on, e.g. https://help.example.org.",
                id="waypost.E001",
            )
        ]
    if address.scheme != "https":
        return [
            Warning(
                f"Links in e-mails and texts use plain http ({settings.BASE_URL}).",
                hint="Set WAYPOST_BASE_URL to the site's https:// address.",
                id="waypost.W003",
            )
        ]
    return []
