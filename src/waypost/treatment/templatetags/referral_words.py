"""`{{ reason|match_text }}`: a matching reason in the console's language (waypost.treatment.presenters)."""

from __future__ import annotations

from django import template

from waypost.treatment import presenters

register = template.Library()


@register.filter
def match_text(text: str) -> str:
    return presenters.match_text(text)
