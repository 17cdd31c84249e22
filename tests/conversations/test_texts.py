"""The conversation texts: neutral on a lock screen, in the basic SMS alphabet, with the region's lines."""

from __future__ import annotations

import pytest
from pytest_django.fixtures import Settings

from tests.notifications.test_rendering import GSM_BASIC
from waypost.conversations.services import service_information
from waypost.notifications.models import Channel
from waypost.notifications.rendering import render_message

SMS_SEGMENT = 153  # characters per part of a long text in the basic alphabet


def context_for(name: str) -> dict[str, str]:
    """What services.py passes each template."""
    if name == "conversation-welcome":
        return service_information()
    if name == "conversation-help":
        return {**service_information(), "opening_word": "HELLO"}
    return {"service_name": "Waypost"}


def rendered(name: str) -> str:
    return render_message(name, channel=Channel.SMS, context=context_for(name)).body


@pytest.mark.parametrize(
    "name", ["conversation-welcome", "conversation-help", "conversation-stopped", "conversation-resumed"]
)
@pytest.mark.parametrize("region", ["uk", "us"])
def test_texts_use_the_basic_alphabet_and_fit_two_parts(name: str, region: str, settings: Settings) -> None:
    settings.WAYPOST_REGION = region
    settings.CHAT_HOURS = "mon-fri 09:00-17:00; sat 10:00-14:00"

    body = rendered(name)

    assert set(body) <= GSM_BASIC, set(body) - GSM_BASIC
    assert len(body) <= 2 * SMS_SEGMENT


def test_the_welcome_names_the_hours_and_the_regions_lines(settings: Settings) -> None:
    settings.WAYPOST_REGION = "us"
    settings.CHAT_HOURS = "mon-fri 09:00-17:00"

    assert rendered("conversation-welcome") == (
        "Waypost: thank you for your message. A trained person will reply here, usually within minutes while we "
        "are open. Open Monday to Friday 09:00 to 17:00. In danger now? Call 911. To talk now: "
        "988 Suicide & Crisis Lifeline, Call 988. Reply STOP to stop texts."
    )
