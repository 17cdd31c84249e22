from __future__ import annotations

import pytest

from waypost.intake.choices import ForWhom
from waypost.intake.journey import (
    Draft,
    answers_on_path,
    contact_pages,
    for_whom_after_check,
    new_draft,
    next_page,
    previous_page,
    with_answer,
)
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


def test_a_draft_keeps_its_bookkeeping_apart_from_the_answers_and_stores_them_side_by_side() -> None:
    draft = Draft(answers={"for_whom": "self"}, visited=frozenset({"who"}), from_check=True, is_suspected_bot=True)

    stored = draft.stored()

    assert stored == {"for_whom": "self", "visited": ["who"], "from_check": True, "is_suspected_bot": True}
    assert Draft.from_stored(stored) == draft


def test_a_draft_stored_before_it_had_a_type_reads_back_with_the_same_meaning() -> None:
    stored = {"visited": ["how", "who"], "from_check": False, "for_whom": "self", "contact_methods": ["email"]}

    draft = Draft.from_stored(stored)

    assert draft == Draft(answers={"for_whom": "self", "contact_methods": ["email"]}, visited=frozenset({"who", "how"}))
    assert draft.is_suspected_bot is False


@pytest.mark.parametrize(
    ("from_check", "mode", "expected"),
    [
        (
            True,
            Mode.FAMILY,
            Draft(answers={"for_whom": ForWhom.SOMEONE_ELSE}, visited=frozenset({"who"}), from_check=True),
        ),
        (True, None, Draft(from_check=True)),
        (False, Mode.SELF, Draft()),
    ],
)
def test_a_new_draft_skips_who_only_after_a_finished_self_check(
    from_check: bool, mode: Mode | None, expected: Draft
) -> None:
    assert new_draft(from_check=from_check, finished_check_mode=mode) == expected


def test_answers_to_pages_taken_off_the_path_are_forgotten() -> None:
    draft = Draft(
        answers={"for_whom": "self", "contact_methods": ["email"], "phone": "+447400123456", "email": "a@b.org"},
        visited=frozenset({"who", "how", "phone", "email"}),
    )
    pages = ("who", "how", "email", "consent")

    kept = answers_on_path(draft, pages, {"phone": ("phone",), "email": ("email",), "how": ("contact_methods",)})

    assert kept.answers == {"for_whom": "self", "contact_methods": ["email"], "email": "a@b.org"}
    assert kept.visited == frozenset({"who", "how", "email"})


def test_an_answer_marks_its_page_visited_and_overwrites_the_earlier_answer() -> None:
    draft = Draft(answers={"contact_methods": ["call"]}, visited=frozenset({"who"}))

    assert with_answer(draft, "how", {"contact_methods": ["email"]}) == Draft(
        answers={"contact_methods": ["email"]}, visited=frozenset({"who", "how"})
    )
