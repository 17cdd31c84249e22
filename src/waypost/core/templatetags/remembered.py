"""`{% remembered "footer" %}…{% endremembered %}`: a part of the base layout rendered once per process and address.

The header, navigation, urgent strip and footer of the base layout are the same on every page of one language and
one address prefix (region and language, ADR 0042/0043), yet rendering them was a large part of a question page's
work: a dozen translations and seven links (docs/adr/0050). The static links stay outside: a name's hashed URL is
only final once the files are collected.
A remembered part may only use what its key names: the active language, the script prefix, the URLconf and the
region, and settings (a settings change forgets everything, as the page memory does). Anything that depends on
the path, the session or the request's headers (the language and region switches, hreflang links, CSRF) stays
outside. `tests/core/test_remembered_parts.py` renders every public page family with and without the memory and
compares the bytes.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.base import NodeList, Parser, Token
from django.template.context import Context
from django.utils.safestring import SafeString

from waypost.core import remembered_pages

register = template.Library()

PartKey = tuple[str, str, str, str, str]
remembered_parts: dict[PartKey, SafeString] = {}


@receiver(setting_changed)
def forget_remembered_parts(**_kwargs: Any) -> None:
    remembered_parts.clear()


def part_key(name: str) -> PartKey:
    return (name, *remembered_pages.wording_key())


class RememberedNode(template.Node):
    def __init__(self, name: str, nodelist: NodeList) -> None:
        self.name = name
        self.nodelist = nodelist

    def render(self, context: Context) -> SafeString:
        if not remembered_pages.is_remembering:
            return self.nodelist.render(context)
        key = part_key(self.name)
        found = remembered_parts.get(key)
        if found is None:
            found = remembered_parts[key] = self.nodelist.render(context)
        return found


@register.tag
def remembered(parser: Parser, token: Token) -> RememberedNode:
    _, quoted_name = token.split_contents()
    nodelist = parser.parse(("endremembered",))
    parser.delete_first_token()
    return RememberedNode(quoted_name.strip("\"'"), nodelist)
