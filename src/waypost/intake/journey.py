"""The contact journey: which page comes next, given the answers so far. Pure rules, no Django."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from waypost.intake.choices import ContactMethod, ForWhom
from waypost.selfcheck.journey import Mode

WHO = "who"
RELATIONSHIP = "relationship"
PERSON_KNOWS = "person-knows"
HOW = "how"
PHONE = "phone"
EMAIL = "email"
TIMES = "times"
VOICEMAIL = "voicemail"
TEXTING = "texting"
NAME = "name"
AREA = "area"
HELP = "help"
SELFCHECK = "selfcheck"
CONSENT = "consent"


def contact_pages(answers: Mapping[str, Any], *, can_attach_selfcheck: bool) -> tuple[str, ...]:
    methods = answers.get("contact_methods") or []
    pages = [WHO]
    if answers.get("for_whom") == ForWhom.SOMEONE_ELSE:
        pages += [RELATIONSHIP, PERSON_KNOWS]
    pages.append(HOW)
    if ContactMethod.CALL in methods or ContactMethod.TEXT in methods:
        pages.append(PHONE)
    if ContactMethod.EMAIL in methods:
        pages.append(EMAIL)
    pages.append(TIMES)
    if ContactMethod.CALL in methods:
        pages.append(VOICEMAIL)
        if ContactMethod.TEXT not in methods:
            pages.append(TEXTING)
    pages += [NAME, AREA, HELP]
    if can_attach_selfcheck:
        pages.append(SELFCHECK)
    pages.append(CONSENT)
    return tuple(pages)


def next_page(pages: tuple[str, ...], visited: frozenset[str]) -> str | None:
    return next((page for page in pages if page not in visited), None)


def previous_page(pages: tuple[str, ...], page: str) -> str | None:
    index = pages.index(page)
    return pages[index - 1] if index > 0 else None


def for_whom_after_check(mode: Mode | None) -> ForWhom | None:
    """A finished self-check already said whom it was about, so the journey need not ask again."""
    return {Mode.SELF: ForWhom.SELF, Mode.FAMILY: ForWhom.SOMEONE_ELSE}.get(mode) if mode else None
