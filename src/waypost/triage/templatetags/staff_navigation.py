"""What the staff navigation offers the signed-in user: only the pages their roles may use."""

from __future__ import annotations

from django import template
from django.http import HttpRequest

from waypost.accounts.access import can_supervise_anywhere

register = template.Library()


@register.simple_tag(takes_context=True)
def may_supervise(context: template.Context) -> bool:
    """Dashboard and audit log are for supervisors and organisation admins, in at least one organisation."""
    request: HttpRequest | None = context.get("request")
    return request is not None and can_supervise_anywhere(request.user)
