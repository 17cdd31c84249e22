"""The SMS provider's webhooks: texts arriving (`POST /sms/inbound`) and delivery reports (`POST /sms/status`).

Both refuse anything not signed with the account's auth token (403, nothing stored). Replies leave through the
outbox, never in the webhook's answer, so the answer is always empty TwiML (ADR 0039).
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse

from waypost.conversations.services import InboundText, NoOrganisationForConversations, receive_text
from waypost.conversations.twilio_signature import is_signed_by_twilio
from waypost.core.methods import allow_only
from waypost.notifications.services import INTERNATIONAL_PHONE_NUMBER, record_delivery_report

logger = logging.getLogger(__name__)
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


def refused_method(method: str, allowed: tuple[str, ...]) -> HttpResponse:
    return HttpResponse(f"{method} is not allowed here.", content_type="text/plain")


def empty_twiml() -> HttpResponse:
    return HttpResponse(EMPTY_TWIML, content_type="text/xml; charset=utf-8")


def refused_signature() -> HttpResponse:
    return HttpResponse("The request signature is missing or wrong.", status=403, content_type="text/plain")


@allow_only(("POST",), refused_method)
def inbound(request: HttpRequest) -> HttpResponse:
    if not is_signed_by_twilio(request):
        return refused_signature()
    phone, body = request.POST.get("From", ""), request.POST.get("Body", "")
    if not INTERNATIONAL_PHONE_NUMBER.match(phone):
        # A short code or an alphanumeric sender cannot be answered; nothing is kept
        return empty_twiml()
    try:
        receive_text(InboundText(phone=phone, body=body))
    except NoOrganisationForConversations:
        logger.error("A text arrived but no organisation receives the public's conversations; it was not kept")
    return empty_twiml()


@allow_only(("POST",), refused_method)
def status(request: HttpRequest) -> HttpResponse:
    if not is_signed_by_twilio(request):
        return refused_signature()
    record_delivery_report(
        provider_id=request.POST.get("MessageSid", ""),
        report=request.POST.get("MessageStatus", ""),
        error_code=request.POST.get("ErrorCode", ""),
    )
    return empty_twiml()
