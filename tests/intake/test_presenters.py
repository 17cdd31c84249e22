from __future__ import annotations

from waypost.intake.presenters import AnswerRow, answer_rows


def test_answer_rows_read_each_answer_in_words_with_the_page_that_changes_it() -> None:
    answers = {"for_whom": "someone-else", "contact_methods": ["call", "email"], "voicemail_ok": False}

    rows = answer_rows(("who", "how", "voicemail", "name"), answers)

    assert rows == [
        AnswerRow(label="Help for", value="Someone I care about", slug="who"),
        AnswerRow(label="How to contact you", value="Phone call, Email", slug="how"),
        AnswerRow(label="Voicemail or say who we are", value="No", slug="voicemail"),
        AnswerRow(label="Name to use", value="Not provided", slug="name"),
    ]
