"""Deployment checks of our own, run by `waypost manage check --deploy`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register


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
