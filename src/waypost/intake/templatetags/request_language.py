"""`{{ item|language_line }}`: the language of a contact request, for the staff pages that show one."""

from __future__ import annotations

from django import template

from waypost.intake.models import ContactRequest
from waypost.intake.presenters import language_line as language_line_of

register = template.Library()


@register.filter
def language_line(contact_request: ContactRequest) -> str:
    return language_line_of(contact_request.language)
