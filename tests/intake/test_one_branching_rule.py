"""The web journey and the API follow one branching rule (journey.follow_up_pages), so they cannot drift."""

from __future__ import annotations

from itertools import combinations

import pytest

from waypost.intake.choices import ContactMethod, ForWhom
from waypost.intake.details import FOLLOW_UP_CHECKS, conditional_checks
from waypost.intake.journey import FOLLOW_UP_ANSWERS, contact_pages
from waypost.intake.pages import FIELDS_BY_PAGE

METHOD_CHOICES = [
    tuple(chosen) for size in range(4) for chosen in combinations([method.value for method in ContactMethod], size)
]


@pytest.mark.parametrize("for_whom", [ForWhom.SELF.value, ForWhom.SOMEONE_ELSE.value])
@pytest.mark.parametrize("methods", METHOD_CHOICES)
def test_the_api_requires_exactly_the_follow_up_answers_the_web_journey_asks_for(
    for_whom: str, methods: tuple[str, ...]
) -> None:
    pages = contact_pages({"for_whom": for_whom, "contact_methods": list(methods)}, can_attach_selfcheck=False)
    asked_on_the_web = {FOLLOW_UP_ANSWERS[page] for page in pages if page in FOLLOW_UP_ANSWERS}

    required_by_the_api = set(conditional_checks({}, {"for_whom": for_whom, "contact_methods": methods}))

    assert required_by_the_api == asked_on_the_web


@pytest.mark.parametrize(
    ("for_whom", "methods", "expected"),
    [
        ("self", ("email",), {"email"}),
        ("self", ("call",), {"phone", "voicemail_ok", "safe_to_text"}),
        ("self", ("call", "text"), {"phone", "voicemail_ok"}),
        ("self", ("text",), {"phone"}),
        ("someone-else", ("email",), {"relationship", "person_knows", "email"}),
    ],
)
def test_the_follow_up_answers_a_request_needs(for_whom: str, methods: tuple[str, ...], expected: set[str]) -> None:
    assert set(conditional_checks({}, {"for_whom": for_whom, "contact_methods": methods})) == expected


def test_every_follow_up_page_asks_for_the_answer_the_api_checks_under_the_same_name() -> None:
    assert {page: FOLLOW_UP_ANSWERS[page] in FIELDS_BY_PAGE[page] for page in FOLLOW_UP_ANSWERS} == dict.fromkeys(
        FOLLOW_UP_ANSWERS, True
    )
    assert set(FOLLOW_UP_CHECKS) == set(FOLLOW_UP_ANSWERS.values())
