"""Message templates: plain-text files rendered when a message is queued, so a mistake fails the caller's request.

Each message is a folder under templates/notifications/<name>/ holding subject.txt and body.txt (e-mail) and/or
sms.txt (SMS). Placeholders are `$name` (string.Template): unlike Django templates, a missing value is an
error rather than an empty string, and nothing is HTML-escaped in plain text. A placeholder whose name ends in
`_url` is a link: a path such as "/staff/" is joined to WAYPOST_BASE_URL, so every link in a message is absolute.
The wording is marked with Django's `{% blocktranslate %}` and read in the active language first, so a message
is in the language it is rendered under (the person's, see `speaking.py`; docs/adr/0046).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.template import Context, Engine, Template
from django.utils import translation

from waypost.core.links import absolute_url
from waypost.notifications.errors import (
    MissingContextError,
    RevealingWordingError,
    UnexpectedContextError,
    UnknownTemplateError,
)
from waypost.notifications.models import Channel

TEMPLATE_ROOT = Path(__file__).resolve().parent / "templates" / "notifications"
TEMPLATE_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FILES_BY_CHANNEL = {Channel.EMAIL: ("subject.txt", "body.txt"), Channel.SMS: ("sms.txt",)}
TEMPLATE_FILES = ("subject.txt", "body.txt", "sms.txt")
LINK_SUFFIX = "_url"
# Words a subject line or SMS must never show: lock screens and shared inboxes display them to anyone nearby.
# Stems, matched inside words, in English and Spanish ("adicci" finds adicción, "droga" drogas; H-094)
REVEALING_WORDS = (
    *("ketamine", "addict", "drug", "substance", "rehab", "detox", "overdose", "k-hole"),
    *("ketamina", "adict", "adicci", "droga", "sustancia", "desintox", "sobredosis"),
)
# Only the translation tags: plain text, so nothing is HTML-escaped
WORDING_ENGINE = Engine(libraries={"i18n": "django.templatetags.i18n"}, autoescape=False)


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    body: str


def render_message(name: str, *, channel: Channel, context: Mapping[str, str]) -> RenderedMessage:
    templates = load_templates(name)
    check_context(name, templates.values(), context)
    context = with_absolute_links(context)
    if channel == Channel.SMS:
        text = substitute(templates, "sms.txt", name=name, context=context).strip()
        check_discreet(name, "SMS", text)
        return RenderedMessage(subject="", body=text)
    subject = " ".join(substitute(templates, "subject.txt", name=name, context=context).split())
    check_discreet(name, "subject line", subject)
    return RenderedMessage(subject=subject, body=substitute(templates, "body.txt", name=name, context=context))


def with_absolute_links(context: Mapping[str, str]) -> dict[str, str]:
    """Mail clients and phones open only whole addresses, so each link is joined to the site's base URL."""
    return {key: absolute_url(value) if key.endswith(LINK_SUFFIX) else value for key, value in context.items()}


def template_names() -> list[str]:
    return sorted(folder.name for folder in TEMPLATE_ROOT.iterdir() if folder.is_dir())


def channels_of(name: str) -> list[Channel]:
    files = template_files(name)
    return [channel for channel, needed in FILES_BY_CHANNEL.items() if all(file in files for file in needed)]


def load_templates(name: str) -> dict[str, string.Template]:
    """The message's files with their wording in the active language, placeholders still to fill."""
    return templates_in_language(name, translation.get_language() or settings.LANGUAGE_CODE)


@cache  # by language too: one process renders messages for people who chose different languages
def templates_in_language(name: str, language: str) -> dict[str, string.Template]:
    with translation.override(language):
        return {
            file: string.Template(wording.render(Context(autoescape=False)))
            for file, wording in template_files(name).items()
        }


@cache  # the files ship with the package and change only with a new release, which restarts the server
def template_files(name: str) -> dict[str, Template]:
    folder = TEMPLATE_ROOT / name
    if not TEMPLATE_NAME.match(name) or not folder.is_dir():
        raise UnknownTemplateError(f"There is no message template called {name!r}.")
    return {
        file: Template((folder / file).read_text(encoding="utf-8"), engine=WORDING_ENGINE)
        for file in TEMPLATE_FILES
        if (folder / file).is_file()
    }


def check_context(name: str, templates: Iterable[string.Template], context: Mapping[str, str]) -> None:
    """One contract per template for every channel, so a caller need not know which file uses which key."""
    needed = {identifier for template in templates for identifier in template.get_identifiers()}
    missing = sorted(needed - set(context))
    if missing:
        raise MissingContextError(f"Message template {name!r} needs a value for: {', '.join(missing)}.")
    unexpected = sorted(set(context) - needed)
    if unexpected:
        raise UnexpectedContextError(f"Message template {name!r} does not use: {', '.join(unexpected)}.")


def substitute(templates: Mapping[str, string.Template], file: str, *, name: str, context: Mapping[str, str]) -> str:
    if file not in templates:
        raise UnknownTemplateError(f"Message template {name!r} has no {file}, so it cannot be sent that way.")
    return templates[file].substitute(context)


def check_discreet(name: str, where: str, text: str) -> None:
    lowered = text.lower()
    revealing = [word for word in REVEALING_WORDS if word in lowered]
    if revealing:
        raise RevealingWordingError(f"The {where} of {name!r} would show {', '.join(revealing)}; keep it neutral.")
