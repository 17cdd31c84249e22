from __future__ import annotations

import pytest

from waypost.intake.choices import ForWhom
from waypost.intake.journey import contact_pages, for_whom_after_check, next_page, previous_page
from waypost.selfcheck.journey import Mode


def test_shortest_path_for_myself_by_email() -> None:
    pages = contact_pages({"for_whom": "self", "contact_methods": ["email"]}, can_attach_selfcheck=False)

    assert pages == ("who", "how", "email", "times", "name", "area", "help", "consent")


def test_someone_else_adds_relationship_and_whether_they_know() -> None:
    pages = contact_pages({"for_whom": "someone-else"}, can_attach_selfcheck=False)

    assert pages[:3] == ("who", "relationship", "person-knows")


def test_calling_asks_for_a_number_voicemail_and_whether_texting_is_safe() -> None:
    pages = contact_pages({"for_whom": "self", "contact_methods": ["call"]}, can_attach_selfcheck=False)

    assert pages[2:6] == ("phone", "times", "voicemail", "texting")


def test_texting_chosen_means_no_safe_to_text_question() -> None:
    pages = contact_pages({"for_whom": "self", "contact_methods": ["call", "text"]}, can_attach_selfcheck=False)

    assert "voicemail" in pages
    assert "texting" not in pages


def test_selfcheck_page_only_when_there_is_a_result_to_attach() -> None:
    answers = {"for_whom": "self", "contact_methods": ["email"]}

    assert "selfcheck" not in contact_pages(answers, can_attach_selfcheck=False)
    assert contact_pages(answers, can_attach_selfcheck=True)[-2:] == ("selfcheck", "consent")


def test_next_and_previous_follow_the_path() -> None:
    pages = ("who", "how", "email", "consent")

    assert next_page(pages, frozenset({"who", "how"})) == "email"
    assert next_page(pages, frozenset(pages)) is None
    assert previous_page(pages, "email") == "how"
    assert previous_page(pages, "who") is None


@pytest.mark.parametrize(
    ("mode", "for_whom"), [(Mode.SELF, ForWhom.SELF), (Mode.FAMILY, ForWhom.SOMEONE_ELSE), (None, None)]
)
def test_a_finished_self_check_answers_who_the_help_is_for(mode: Mode | None, for_whom: ForWhom | None) -> None:
    assert for_whom_after_check(mode) == for_whom
