"""Session pages rendered once per process and choice (docs/adr/0053): every copy is byte for byte what a fresh
render makes for that visitor, carries the visitor's own CSRF token and typed text, and the memory keeps nothing a
person typed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client, override_settings

from tests.intake.walker import DEFAULT_ANSWERS, fill_in
from tests.selfcheck.walker import QUESTION_PREFIX, walk
from waypost.core import remembered_pages
from waypost.instruments.terminology import NO, YES

pytestmark = pytest.mark.django_db

BOTH_REGIONS_AND_LANGUAGES = override_settings(
    WAYPOST_REGION="uk", WAYPOST_REGIONS=["uk", "us"], WAYPOST_LANGUAGES=["en", "es"]
)
ADDRESS_PREFIXES = ["", "es/", "us/es/"]
CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# Typed text that HTML must escape, so a slot filled without escaping would show
TYPED: dict[str, dict[str, Any]] = {
    "name": {"name": 'Sam "S" <b>&amp;</b>'},
    "area": {"region": "Leeds & Bradford"},
    "help": {"help_with": "My bladder hurts.\nI'd like to stop <now>"},
    "times": {"best_times": ["weekday-evening"], "safe_contact_notes": 'After 6 pm; say it\'s "the clinic"'},
}
ANOTHER_PERSON: dict[str, dict[str, Any]] = {
    "who": {"for_whom": "someone-else"},
    "name": {"name": "Alex"},
    "email": {"email": "alex@example.org"},
    "how": {"contact_methods": ["email"]},
    "help": {"help_with": "Worried about my brother"},
}


def without_token(html: str) -> str:
    return CSRF_VALUE.sub('name="csrfmiddlewaretoken" value="…"', html)


def both_renders(client: Client, paths: list[str]) -> Iterator[tuple[str, str, str]]:
    """Each path as served with the memory (twice, so the second copy comes from it) and rendered afresh."""
    for path in paths:
        client.get(path)
        remembered = client.get(path)
        with remembered_pages.rendering_afresh():
            fresh = client.get(path)
        assert remembered.status_code == fresh.status_code == 200, path
        yield path, without_token(remembered.content.decode()), without_token(fresh.content.decode())


def question_paths(client: Client, prefix: str, choices: dict[str, str]) -> list[str]:
    asked = walk(client, choices, prefix=prefix.rstrip("/"))
    questions = [f"{prefix.rstrip('/')}{QUESTION_PREFIX}{slug}" for slug in asked]
    return [*questions, *(f"{path}?change=1" for path in questions), f"{prefix}check/answers"]


@BOTH_REGIONS_AND_LANGUAGES
@pytest.mark.parametrize("prefix", ADDRESS_PREFIXES)
def test_every_question_page_from_memory_is_what_a_fresh_render_makes(prefix: str) -> None:
    first, second = Client(), Client()
    # The second person answers differently, so their pages are other copies: chosen options, the path, progress
    second_choices = {"ketamine-use-signs.cravings": YES, "ketamine-use-signs.tolerance": YES}
    first_paths = question_paths(first, f"/{prefix}", {})
    second_paths = question_paths(second, f"/{prefix}", second_choices)

    compared = [*both_renders(first, first_paths), *both_renders(second, second_paths)]

    assert len(compared) > 40
    for path, remembered, fresh in compared:
        assert remembered == fresh, path
    kept_templates = {template for template, _vary, _address in remembered_pages.remembered_pages}
    assert kept_templates == {"selfcheck/question.html", "selfcheck/check_answers.html"}


def contact_paths(contact: str, slugs: list[str]) -> list[str]:
    # A page posts back to its own address, query and all; a Change link's Back link goes to check answers
    queries = ["", "?change=1", "?from=check"]
    return [*(f"{contact}{slug}{query}" for slug in slugs for query in queries), f"{contact}check-answers"]


@BOTH_REGIONS_AND_LANGUAGES
@pytest.mark.parametrize("prefix", ADDRESS_PREFIXES)
def test_every_contact_page_from_memory_is_what_a_fresh_render_makes(prefix: str) -> None:
    first, second = Client(), Client()
    contact = f"/{prefix}contact/"
    first_pages = fill_in(first, TYPED, prefix=contact)
    second_pages = fill_in(second, ANOTHER_PERSON, prefix=contact)

    compared = [
        *both_renders(first, contact_paths(contact, first_pages)),
        *both_renders(second, contact_paths(contact, second_pages)),
    ]

    for path, remembered, fresh in compared:
        assert remembered == fresh, path
    kept_templates = {template for template, _vary, _address in remembered_pages.remembered_pages}
    assert kept_templates == {"intake/page.html", "intake/check_answers.html"}
    first_name = first.get(contact + "name").content.decode()
    assert 'value="Sam &quot;S&quot; &lt;b&gt;&amp;amp;&lt;/b&gt;"' in first_name
    assert 'value="Alex"' in second.get(contact + "name").content.decode()
    first_answers = first.get(contact + "check-answers").content.decode()
    assert "My bladder hurts.<br>I&#x27;d like to stop &lt;now&gt;" in first_answers
    assert "Alex" not in first_answers
    assert "Worried about my brother" in second.get(contact + "check-answers").content.decode()


def test_nothing_a_person_typed_is_kept_in_memory() -> None:
    person = Client()
    answers = {**DEFAULT_ANSWERS, **TYPED}
    pages = fill_in(person, answers)
    for slug in pages:
        assert person.get(f"/contact/{slug}").status_code == 200

    typed_texts = [value for page in answers.values() for value in page.values() if isinstance(value, str)]
    typed_texts = [text for text in typed_texts if len(text) > 3 and not text.isalpha()] + ["Sam", "07911"]
    kept = " ".join(remembered_pages.remembered_pages.values()) + repr(list(remembered_pages.remembered_pages))
    assert "contact/name" in kept  # the typed pages are kept, with slots
    for text in typed_texts:
        assert text not in kept, text


def test_the_token_in_a_copy_from_memory_is_the_visitors_own_and_accepted() -> None:
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_page = first.get("/check/question/safety.danger-now").content.decode()
    second_page = second.get("/check/question/safety.danger-now").content.decode()

    first_token, second_token = CSRF_VALUE.findall(first_page)[0], CSRF_VALUE.findall(second_page)[0]
    assert first_token != second_token
    assert remembered_pages.SLOT_MARK not in second_page
    answered = second.post("/check/question/safety.danger-now", {"answer": NO, "csrfmiddlewaretoken": second_token})
    assert answered.status_code == 302
    refused = first.post("/check/question/safety.danger-now", {"answer": NO, "csrfmiddlewaretoken": "x" * 64})
    assert refused.status_code == 403


def test_an_answer_with_an_error_is_shown_in_full_not_from_memory(member_of_the_public: Client) -> None:
    member_of_the_public.get("/check/question/safety.danger-now")

    response = member_of_the_public.post("/check/question/safety.danger-now", {})

    assert response.status_code == 200
    assert "Select yes or no" in response.content.decode()
    assert "<title>Error:" in response.content.decode()


def test_the_memory_empties_when_full_and_keeps_working(
    member_of_the_public: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(remembered_pages, "MOST_PAGES", 3)
    walk(member_of_the_public)

    for question in ["safety.danger-now", "journey.who", "ketamine-use-signs.cravings", "phq-9.1", "gad-7.1"]:
        response = member_of_the_public.get(QUESTION_PREFIX + question)
        assert response.status_code == 200
        assert len(remembered_pages.remembered_pages) <= 3
