"""Whose language and region a message is written in: the person's, whoever or whatever sends it (ADR 0046).

A message is rendered when it is queued, often on a staff member's page or by the worker, whose language and
region are not the person's. Rendering under `speaking_to` gives it the wording of the language the person chose
and the numbers of the region whose address they used.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

from waypost.core.helplines import Region
from waypost.core.regions import region_of_request

# Languages a message can be written in: those the site serves (settings.LANGUAGES)
MESSAGE_LANGUAGES = frozenset(code for code, _name in settings.LANGUAGES)


@dataclass(frozen=True)
class Audience:
    """The person a message is for: the language they chose and the region of the address they used."""

    language: str
    region: Region


@contextmanager
def speaking_to(audience: Audience) -> Iterator[None]:
    """Within this block, translations and `current_region()` are the person's, then the caller's again."""
    language = audience.language if audience.language in MESSAGE_LANGUAGES else settings.LANGUAGE_CODE
    token = region_of_request.set(audience.region)
    try:
        with translation.override(language):
            yield
    finally:
        region_of_request.reset(token)
