"""Message templates: present for each channel, neutral wherever a lock screen or inbox list shows them."""

from __future__ import annotations

import pytest

from tests.notifications.builders import REQUEST_CONTEXT, TEAM_CONTEXT
from waypost.notifications.errors import (
    MissingContextError,
    RevealingWordingError,
    UnexpectedContextError,
    UnknownTemplateError,
)
from waypost.notifications.models import Channel
from waypost.notifications.rendering import channels_of, load_templates, render_message, template_names

CONTEXTS = {
    "request-received": REQUEST_CONTEXT,
    "team-alert": TEAM_CONTEXT,
    "recovery-code": {"code": "123456", "minutes": "15"},
    "recovery-invite": {"sign_in_url": "/recovery/sign-in"},
    "recovery-reminder": {
        "wording": "Time for your check-in.",
        "check_in_url": "/recovery/check-in",
        "stop_url": "/recovery/reminders/stop/abc",
    },
}
SENSITIVE_WORDS = ("ketamine", "addiction", "addict", "drug")
# The GSM 7-bit basic set (without the escape table): any other character makes an SMS cost more segments
GSM_BASIC = set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿")
GSM_BASIC |= set("abcdefghijklmnopqrstuvwxyzäöñüà")
RENDERINGS = [(name, channel) for name in CONTEXTS for channel in channels_of(name)]


def test_the_templates_the_referrals_app_uses_exist_for_their_channels() -> None:
    assert template_names() == [
        "conversation-help",
        "conversation-reply",
        "conversation-resumed",
        "conversation-stopped",
        "conversation-welcome",
        "recovery-code",
        "recovery-invite",
        "recovery-reminder",
        "referral-link",
        "referral-outcome",
        "referral-overdue",
        "referral-received",
        "referral-update",
        "request-received",
        "team-alert",
    ]
    assert channels_of("request-received") == [Channel.EMAIL, Channel.SMS]
    assert channels_of("team-alert") == [Channel.EMAIL]
    assert channels_of("referral-update") == [Channel.EMAIL, Channel.SMS]
    for staff_only in ("referral-link", "referral-outcome", "referral-overdue", "referral-received"):
        assert channels_of(staff_only) == [Channel.EMAIL]


@pytest.mark.parametrize(("name", "channel"), RENDERINGS)
def test_subject_lines_and_texts_never_say_what_the_service_is_about(name: str, channel: Channel) -> None:
    rendered = render_message(name, channel=channel, context=CONTEXTS[name])

    shown_on_a_lock_screen = (rendered.subject if channel == Channel.EMAIL else rendered.body).lower()
    assert shown_on_a_lock_screen
    assert [word for word in SENSITIVE_WORDS if word in shown_on_a_lock_screen] == []


@pytest.mark.parametrize("name", ["request-received", "team-alert"])
def test_no_template_file_names_drugs_or_addiction(name: str) -> None:
    for template in load_templates(name).values():
        assert [word for word in SENSITIVE_WORDS if word in template.template.lower()] == []


def test_confirmation_email_tells_the_person_what_happens_next() -> None:
    rendered = render_message("request-received", channel=Channel.EMAIL, context=REQUEST_CONTEXT)

    assert rendered.subject == "We have your request (reference K7P-4QX)"
    assert "Thank you for your request to be contacted by phone or text." in rendered.body
    assert "Someone from Riverside Wellbeing will contact you within 1 working day" in rendered.body
    assert "If you are in danger or need help now, call 999." in rendered.body


def test_confirmation_sms_fits_one_text_message_in_the_basic_alphabet() -> None:
    rendered = render_message("request-received", channel=Channel.SMS, context=REQUEST_CONTEXT)

    assert rendered.subject == ""
    assert rendered.body.startswith(
        "We have your request (reference K7P-4QX) and aim to contact you by phone or text within 1 working day."
    )
    assert len(rendered.body) <= 160
    assert set(rendered.body) - GSM_BASIC == set()


def test_team_alert_points_to_the_console_and_leaves_out_the_persons_details() -> None:
    rendered = render_message("team-alert", channel=Channel.EMAIL, context=TEAM_CONTEXT)

    assert rendered.subject == "New call-back request K7P-4QX (red flag: yes)"
    assert "Sign in to see the details: https://help.example.org/staff/K7P-4QX" in rendered.body
    # Its only inputs are the reference, the flag and the link, so contact details cannot reach it
    identifiers = {key for template in load_templates("team-alert").values() for key in template.get_identifiers()}
    assert identifiers == {"reference", "has_red_flag", "staff_url"}


def test_unknown_template_is_refused() -> None:
    with pytest.raises(UnknownTemplateError, match="no message template called 'welcome'"):
        render_message("welcome", channel=Channel.EMAIL, context={})


@pytest.mark.parametrize("name", ["../notifications", "request-received/", "Request-Received", ""])
def test_template_names_cannot_point_outside_the_template_folder(name: str) -> None:
    with pytest.raises(UnknownTemplateError):
        render_message(name, channel=Channel.EMAIL, context=REQUEST_CONTEXT)


def test_email_only_template_cannot_be_sent_as_sms() -> None:
    with pytest.raises(UnknownTemplateError, match=r"'team-alert' has no sms\.txt"):
        render_message("team-alert", channel=Channel.SMS, context=TEAM_CONTEXT)


def test_missing_context_value_is_named() -> None:
    context = {
        "reference": "K7P-4QX",
        "service_name": "Riverside Wellbeing",
        "contact_by": "text",
        "emergency_number": "999",
    }

    with pytest.raises(MissingContextError, match="needs a value for: first_contact_within"):
        render_message("request-received", channel=Channel.SMS, context=context)


def test_unused_context_value_is_refused_so_personal_data_is_not_passed_by_mistake() -> None:
    context = {**TEAM_CONTEXT, "phone": "+447700900123"}

    with pytest.raises(UnexpectedContextError, match="does not use: phone"):
        render_message("team-alert", channel=Channel.EMAIL, context=context)


@pytest.mark.parametrize("channel", [Channel.EMAIL, Channel.SMS])
def test_a_value_that_would_reveal_the_topic_in_a_subject_or_sms_is_refused(channel: Channel) -> None:
    context = {**REQUEST_CONTEXT, "reference": "KETAMINE-1", "first_contact_within": "1 day"}

    with pytest.raises(RevealingWordingError, match="would show ketamine"):
        render_message("request-received", channel=channel, context=context)


def test_a_line_break_in_a_value_cannot_add_lines_to_the_subject() -> None:
    context = {**TEAM_CONTEXT, "reference": "K7P-4QX\nBcc: someone@example.org"}

    rendered = render_message("team-alert", channel=Channel.EMAIL, context=context)

    assert "\n" not in rendered.subject
    assert rendered.subject == "New call-back request K7P-4QX Bcc: someone@example.org (red flag: yes)"
