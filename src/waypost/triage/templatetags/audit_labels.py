"""`{{ event.action|action_label }}`: an audit action in the console's language (waypost.triage.audit_labels)."""

from __future__ import annotations

from django import template

from waypost.triage import audit_labels

register = template.Library()


@register.filter
def action_label(action: str) -> str:
    return audit_labels.action_label(action)
