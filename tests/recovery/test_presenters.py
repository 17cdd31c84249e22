"""Display helpers: the invitation's contact from a request (texts only where safe), and the trend chart shapes."""

from __future__ import annotations

import pytest

from waypost.recovery.presenters import bar_shapes, invite_from_request, line_points

ASK = "They did not choose texts that are safe or e-mail. Ask them how to send the invitation first."

# (phone, email, can text, safe to text, can e-mail, prefilled contact, notice)
INVITE_TABLE = [
    ("+447400123456", None, True, True, False, "+447400123456", ""),
    ("+447400123456", None, True, None, False, "+447400123456", ""),
    ("+447400123456", None, True, False, False, "", ASK),
    ("+447400123456", None, False, True, False, "", ASK),
    ("+447400123456", "a@example.com", True, False, True, "a@example.com", ""),
    (None, "a@example.com", False, None, True, "a@example.com", ""),
    (None, "a@example.com", False, None, False, "", ASK),
    (None, None, False, None, False, "", ASK),
]


@pytest.mark.parametrize(("phone", "email", "can_text", "safe", "can_email", "contact", "notice"), INVITE_TABLE)
def test_prefills_texts_only_where_they_said_texts_are_safe(
    phone: str | None, email: str | None, can_text: bool, safe: bool | None, can_email: bool, contact: str, notice: str
) -> None:
    assert invite_from_request(phone=phone, email=email, can_text=can_text, safe_to_text=safe, can_email=can_email) == (
        contact,
        notice,
    )


def test_lines_skip_weeks_without_check_ins_and_bars_scale_to_a_week() -> None:
    assert line_points([10, None, 0, 5], 10) == "40.0,0.0 200.0,100.0 280.0,50.0"
    assert bar_shapes([7, 0], 7) == ((40.0, 0.0, 100.0), (200.0, 100.0, 0.0))
