"""`{% site_url "core:urgent" %}`: a fixed URL (or an article's), reversed once per process instead of on every page.

Django's `{% url %}` walks the URL resolver each time; the base template asks for the same five links on every
page, which cost the dynamic pages more than their own content (docs/adr/0041).
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()


# Bounded, as article slugs are; never used for ids that grow with the data
@lru_cache(maxsize=1024)
def reversed_once(name: str, arguments: tuple[str, ...], urlconf: str, script_prefix: str) -> str:
    # The script prefix is part of the key because reverse() puts it in front of every path
    return reverse(name, args=arguments, urlconf=urlconf)


@register.simple_tag
def site_url(name: str, *arguments: object) -> str:
    return fixed_url(name, *(str(argument) for argument in arguments))


def fixed_url(name: str, *arguments: str) -> str:
    """A view's URL for arguments from a fixed set (a question's slug, say), as `{% site_url %}` gives it."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return reversed_once(name, arguments, str(urlconf), get_script_prefix())


def url_prefix(name: str) -> str:
    """A view's URL without its one argument, for a page of rows that each add their own slug or id to it."""
    # "0" fits the int, slug and str converters, and reverse() leaves it as it is
    return fixed_url(name, "0").removesuffix("0")
