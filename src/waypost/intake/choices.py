"""The answers a contact request can hold, shared by the web journey, the API and the models.

Labels are English, marked for the catalogue and translated where they are shown (`translated_choices`), so code
that reads `.label` keeps getting plain text.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy, gettext_noop, pgettext_lazy
from django_stubs_ext import StrOrPromise


class ForWhom(models.TextChoices):
    # Translated with a context (FOR_WHOM_WORDS): the self-check words the same English differently in Spanish
    SELF = "self", "Me"
    SOMEONE_ELSE = "someone-else", "Someone I care about"


FOR_WHOM_WORDS: dict[str, StrOrPromise] = {
    ForWhom.SELF: pgettext_lazy("contact request: who the help is for", "Me"),
    ForWhom.SOMEONE_ELSE: pgettext_lazy("contact request: who the help is for", "Someone I care about"),
}


class Relationship(models.TextChoices):
    PARTNER = "partner", gettext_noop("Partner")
    PARENT = "parent", gettext_noop("I am their parent or carer")
    CHILD = "child", gettext_noop("I am their son or daughter")
    SIBLING = "sibling", gettext_noop("Brother or sister")
    FRIEND = "friend", gettext_noop("Friend")
    OTHER = "other", gettext_noop("Someone else")


class PersonKnows(models.TextChoices):
    YES = "yes", gettext_noop("Yes")
    NO = "no", gettext_noop("No")
    NOT_SURE = "not-sure", gettext_noop("I am not sure")


class ContactMethod(models.TextChoices):
    CALL = "call", gettext_noop("Phone call")
    TEXT = "text", gettext_noop("Text message")
    EMAIL = "email", gettext_noop("Email")


class BestTime(models.TextChoices):
    WEEKDAY_MORNING = "weekday-morning", gettext_noop("Weekday mornings (9am to 12pm)")
    WEEKDAY_AFTERNOON = "weekday-afternoon", gettext_noop("Weekday afternoons (12pm to 5pm)")
    WEEKDAY_EVENING = "weekday-evening", gettext_noop("Weekday evenings (5pm to 8pm)")
    WEEKEND = "weekend", gettext_noop("Weekends")
    ANY_TIME = "any-time", gettext_noop("Any time")


class Source(models.TextChoices):
    WEB = "web", gettext_noop("Website")
    API = "api", gettext_noop("API")


class Status(models.TextChoices):
    NEW = "new", gettext_noop("New")
    CONTACT_ATTEMPTED = "contact-attempted", gettext_noop("Contact attempted")
    IN_CONVERSATION = "in-conversation", gettext_noop("In conversation")
    ASSESSED = "assessed", gettext_noop("Assessed")
    REFERRED_ON = "referred-on", gettext_noop("Referred on")
    CLOSED = "closed", gettext_noop("Closed")
    ERASED = "erased", gettext_noop("Erased")


OPEN_STATUSES = (Status.NEW, Status.CONTACT_ATTEMPTED, Status.IN_CONVERSATION, Status.ASSESSED, Status.REFERRED_ON)


class Outcome(models.TextChoices):
    ADMITTED = "admitted", gettext_noop("Admitted to a service")
    REFERRED_ELSEWHERE = "referred-elsewhere", gettext_noop("Referred elsewhere")
    DECLINED = "declined", gettext_noop("Declined")
    COULD_NOT_REACH = "could-not-reach", gettext_noop("Could not reach")
    DUPLICATE = "duplicate", gettext_noop("Duplicate")


def translated_choices(choices: list[tuple[str, str]]) -> list[tuple[str, StrOrPromise]]:
    """The choices with labels worded when a form shows them, in the language of that page."""
    return [(value, choice_label(value, label)) for value, label in choices]


def choice_label(value: str, label: str) -> StrOrPromise:
    """One option's words in the page's language; who the help is for has its own (FOR_WHOM_WORDS)."""
    return FOR_WHOM_WORDS.get(value) or gettext_lazy(label)


def shown_label(choice: models.TextChoices) -> str:
    """A stored choice's words as a page shows them now, in its language (the choice itself holds the English)."""
    return str(choice_label(choice.value, choice.label))
