"""Session pages decided by a few visible choices, rendered once per process and choice (docs/adr/0053).

A self-check question page carries a session, a CSRF token and the person's earlier answer, so the page memory
(ADR 0033) cannot hand it to everyone. Yet all of it but the token follows from a handful of values: the question,
which option is chosen, the question's number and the progress line, the back link and the address. The view names
those values (`vary`); the page is rendered once for them, the address and the language, region and browser
suggestions (as the page memory keys its pages), with a slot where the token goes, and each request gets a copy
with its own token. What a person typed (a name, a phone number) never keys a page and is never kept: the page is
rendered with a slot in its place, and each request's copy gets the person's text, escaped as the template escapes
it. The memory is bounded; a full one is emptied and refills with the pages people use.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from types import MappingProxyType
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import conditional_escape
from django.utils.translation import get_language

from waypost.core.form_markup import SummaryRow, summary_rows
from waypost.core.form_tokens import form_token
from waypost.core.regions import browser_suggestions, current_region

# Letters and digits only, so HTML escaping leaves a slot whole; random, so no page's text can hold one by chance
SLOT_MARK = "slot" + secrets.token_hex(12)
CSRF = "csrf_token"
# A few thousand pages of a few kilobytes: every question, option and progress line in two languages and regions
MOST_PAGES = 4000

PageKey = tuple[str, tuple[str, ...], tuple[str, ...]]
remembered_pages: dict[PageKey, str] = {}
is_remembering = True


@receiver(setting_changed)
def forget_remembered_pages(**_kwargs: Any) -> None:
    remembered_pages.clear()


@contextmanager
def rendering_afresh() -> Iterator[None]:
    """Every page and every remembered part of the layout (ADR 0050) rendered in full, as without the memory: what
    the tests compare the remembered ones with."""
    global is_remembering
    is_remembering = False
    try:
        yield
    finally:
        is_remembering = True


def wording_key() -> tuple[str, str, str, str]:
    """What anything kept is worded for: the active language, the script prefix, the URLconf and the region."""
    return (
        get_language() or "",
        get_script_prefix(),
        str(get_urlconf() or settings.ROOT_URLCONF),
        current_region().value,
    )


def address_key(request: HttpRequest) -> tuple[str, ...]:
    """What the base layout reads from the request: the address with its query, language, region, suggestions."""
    return (request.get_full_path(), *wording_key(), str(request.is_secure()), browser_suggestions(request))


def slot(name: str) -> str:
    """Where a value goes in a remembered page; marked at both ends, so no slot's name runs into another's."""
    return f"{SLOT_MARK}{name}{SLOT_MARK}"


def render_remembered(
    request: HttpRequest,
    template_name: str,
    vary: tuple[str, ...],
    context: Callable[[Mapping[str, str]], dict[str, Any]],
    fills: Mapping[str, str] = MappingProxyType({}),
) -> HttpResponse:
    """The page for the `vary` values, rendered once; `context(values)` builds its context with this request's
    `fills` (by name: typed text, escaped when filled in, or markup already marked safe) or, for the memory, with
    slots in their place. It is only called when the page is not in memory yet."""
    if not is_remembering:
        return HttpResponse(render_to_string(template_name, context(fills), request))
    key = (template_name, vary, address_key(request))
    html = remembered_pages.get(key)
    if html is None:
        slots = {name: slot(name) for name in fills}
        html = render_to_string(template_name, {**context(slots), "csrf_token": slot(CSRF)}, request)
        if len(remembered_pages) >= MOST_PAGES:
            remembered_pages.clear()
        remembered_pages[key] = html
    for name, value in fills.items():
        html = html.replace(slot(name), conditional_escape(value))
    return HttpResponse(html.replace(slot(CSRF), form_token(request)))


def render_summary(request: HttpRequest, template_name: str, rows: Iterable[SummaryRow]) -> HttpResponse:
    """A check-answers page: the same for everyone at its address but for the rows, which fill their slot."""
    return render_remembered(request, template_name, (), lambda fills: dict(fills), {"rows": summary_rows(rows)})
