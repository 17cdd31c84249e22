"""The contact journey: which page comes next, given the answers so far, and the draft that carries them.

Pure rules, no Django. `follow_up_pages` is the one statement of which answers make which questions necessary:
the web journey asks those pages (`contact_pages`) and the API requires the same answers (`details.py` derives its
conditional checks from `follow_up_answers`), so the two cannot drift (docs/adr/0030).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
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

# Every page in the order it is asked; follow-up pages and the self-check page are skipped when not needed
PAGE_ORDER = (
    WHO,
    RELATIONSHIP,
    PERSON_KNOWS,
    HOW,
    PHONE,
    EMAIL,
    TIMES,
    VOICEMAIL,
    TEXTING,
    NAME,
    AREA,
    HELP,
    SELFCHECK,
    CONSENT,
)

# Each follow-up page and the answer it asks for (the API's name for the same answer)
FOLLOW_UP_ANSWERS = {
    RELATIONSHIP: "relationship",
    PERSON_KNOWS: "person_knows",
    PHONE: "phone",
    EMAIL: "email",
    VOICEMAIL: "voicemail_ok",
    TEXTING: "safe_to_text",
}


def follow_up_pages(for_whom: str | None, contact_methods: Collection[str]) -> frozenset[str]:
    """The follow-up questions that who the help is for and the chosen ways of contact make necessary."""
    pages: set[str] = set()
    if for_whom == ForWhom.SOMEONE_ELSE:
        pages |= {RELATIONSHIP, PERSON_KNOWS}
    if ContactMethod.CALL in contact_methods or ContactMethod.TEXT in contact_methods:
        pages.add(PHONE)
    if ContactMethod.EMAIL in contact_methods:
        pages.add(EMAIL)
    if ContactMethod.CALL in contact_methods:
        pages.add(VOICEMAIL)
        if ContactMethod.TEXT not in contact_methods:
            pages.add(TEXTING)
    return frozenset(pages)


def follow_up_answers(for_whom: str | None, contact_methods: Collection[str]) -> tuple[str, ...]:
    """The answers those follow-up questions give, in the order the pages ask them."""
    asked = follow_up_pages(for_whom, contact_methods)
    return tuple(FOLLOW_UP_ANSWERS[page] for page in PAGE_ORDER if page in asked)


def contact_pages(answers: Mapping[str, Any], *, can_attach_selfcheck: bool) -> tuple[str, ...]:
    asked = follow_up_pages(answers.get("for_whom"), answers.get("contact_methods") or ())
    skipped = (set(FOLLOW_UP_ANSWERS) - asked) | (set() if can_attach_selfcheck else {SELFCHECK})
    return tuple(page for page in PAGE_ORDER if page not in skipped)


def next_page(pages: tuple[str, ...], visited: Iterable[str]) -> str | None:
    done = frozenset(visited)
    return next((page for page in pages if page not in done), None)


def previous_page(pages: tuple[str, ...], page: str) -> str | None:
    index = pages.index(page)
    return pages[index - 1] if index > 0 else None


def for_whom_after_check(mode: Mode | None) -> ForWhom | None:
    """A finished self-check already said whom it was about, so the journey need not ask again."""
    return {Mode.SELF: ForWhom.SELF, Mode.FAMILY: ForWhom.SOMEONE_ELSE}.get(mode) if mode else None


@dataclass(frozen=True)
class Draft:
    """A contact journey in progress: the answers by the API's field names, and the journey's own bookkeeping."""

    answers: Mapping[str, Any] = field(default_factory=dict)
    visited: frozenset[str] = frozenset()  # pages answered and still valid; the next page is the first not here
    from_check: bool = False  # started from the self-check results, so their summary may be attached
    is_suspected_bot: bool = False  # the hidden honeypot field was filled in: sending is faked, nothing is kept

    def stored(self) -> dict[str, Any]:
        """The JSON kept (encrypted) between pages: the answers beside the bookkeeping keys, as drafts always were."""
        bookkeeping = {"visited": sorted(self.visited), "from_check": self.from_check}
        return {**self.answers, **bookkeeping, **({"is_suspected_bot": True} if self.is_suspected_bot else {})}

    @classmethod
    def from_stored(cls, stored: Mapping[str, Any]) -> Draft:
        answers = {name: value for name, value in stored.items() if name not in BOOKKEEPING_KEYS}
        return cls(
            answers=answers,
            visited=frozenset(stored.get("visited") or ()),
            from_check=bool(stored.get("from_check")),
            is_suspected_bot=bool(stored.get("is_suspected_bot")),
        )


BOOKKEEPING_KEYS = frozenset({"visited", "from_check", "is_suspected_bot"})


def new_draft(*, from_check: bool, finished_check_mode: Mode | None) -> Draft:
    """A fresh journey; one started from a finished self-check already knows whom the help is for."""
    for_whom = for_whom_after_check(finished_check_mode) if from_check else None
    if for_whom is None:
        return Draft(from_check=from_check)
    return Draft(answers={"for_whom": for_whom}, visited=frozenset({WHO}), from_check=from_check)


def carrying_message(draft: Draft | None, message: str) -> Draft:
    """A message written where a chat could not be answered, kept as the answer to "what would you like help with".
    The page is not marked answered, so the person sees it filled in and can change it."""
    started = draft or Draft()
    return replace(started, answers={**started.answers, "help_with": message})


def with_answer(draft: Draft, page: str, values: Mapping[str, Any]) -> Draft:
    """The draft after a page was answered: its values kept, the page marked visited."""
    return replace(draft, answers={**draft.answers, **values}, visited=draft.visited | {page})


def answers_on_path(draft: Draft, pages: tuple[str, ...], fields_by_page: Mapping[str, Iterable[str]]) -> Draft:
    """Forget answers to pages that a changed answer took off the path (e.g. a phone number no longer used)."""
    dropped = {name for page, names in fields_by_page.items() if page not in pages for name in names}
    kept = {name: value for name, value in draft.answers.items() if name not in dropped}
    return replace(draft, answers=kept, visited=frozenset(page for page in draft.visited if page in pages))
