"""`{% radios %}`, `{% form_field %}` and `{% error_summary %}`: the field templates' markup, made in Python."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.utils.safestring import SafeString

from waypost.core import form_markup

register = template.Library()


@register.simple_tag
def radios(field: forms.BoundField, legend: Any, hint: Any) -> SafeString:
    return form_markup.radios(field, legend, hint)


@register.simple_tag
def form_field(field: forms.BoundField, *, is_heading: bool = False) -> SafeString:
    return form_markup.field_markup(field, is_heading=is_heading)


@register.simple_tag
def error_summary(form: object) -> SafeString:
    return form_markup.error_summary(form)
