"""The staff console's messages screen: uncertain and failed messages, resent or marked handled (ADR 0029).

Its URLs sit with the rest of the console (`triage:messages`, under /staff/); the outbox is this app's, so are they.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from waypost.accounts.access import signed_in_staff, staff_required
from waypost.accounts.models import Organisation
from waypost.core.not_cached import never_cache
from waypost.core.security_headers import sends_origin_on_forms
from waypost.notifications.access import get_message_for_supervisor, messages_needing_attention
from waypost.notifications.errors import MessageAlreadyHandledError
from waypost.notifications.presenters import message_rows
from waypost.notifications.services import mark_message_handled, resend_message
from waypost.triage.access import supervised_organisation

MESSAGE_NOTICES = {
    "resent": "A fresh copy was queued. The worker sends it within a minute.",
    "handled": "The message was marked as handled.",
    "already-handled": "Someone else has already handled this message.",
}


@never_cache
@staff_required
@sends_origin_on_forms
@require_safe
def messages(request: HttpRequest) -> HttpResponse:
    """Uncertain and failed messages about the organisation's requests, for a person to resend or mark handled."""
    organisation = supervised_organisation(request)
    context = {
        "organisation": organisation,
        "rows": message_rows(messages_needing_attention(signed_in_staff(request), organisation)),
        "notice": MESSAGE_NOTICES.get(request.GET.get("notice", ""), ""),
    }
    return render(request, "notifications/messages.html", context)


def message_action(handler: Callable[..., object], notice: str) -> Callable[[HttpRequest, int], HttpResponse]:
    """A POST on one message: signed in, scoped through its request, a lost race turned into a notice."""

    @never_cache
    @staff_required
    @sends_origin_on_forms
    @require_POST
    def view(request: HttpRequest, message_id: int) -> HttpResponse:
        message, organisation_id = get_message_for_supervisor(signed_in_staff(request), message_id)
        slug = Organisation.objects.values_list("slug", flat=True).get(pk=organisation_id)
        try:
            handler(actor=signed_in_staff(request), message=message, organisation_id=organisation_id, page=request.path)
        except MessageAlreadyHandledError:
            return redirect(f"{reverse('triage:messages')}?organisation={slug}&notice=already-handled")
        return redirect(f"{reverse('triage:messages')}?organisation={slug}&notice={notice}")

    view.__name__ = handler.__name__
    return view


resend = message_action(resend_message, "resent")
mark_handled = message_action(mark_message_handled, "handled")
