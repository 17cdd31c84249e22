"""`{% result_item item %}`: a search result's markup made in Python (waypost.directory.result_markup)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from waypost.directory.presenters import Listing
from waypost.directory.result_markup import result_item as result_markup

register = template.Library()


@register.simple_tag
def result_item(item: Listing) -> SafeString:
    return result_markup(item)
