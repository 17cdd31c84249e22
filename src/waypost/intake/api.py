"""POST /api/referrals: a contact request as JSON, checked by the same rules as the web journey (details.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

from waypost.core.clients import client_address
from waypost.core.methods import allow_only
from waypost.core.request_bodies import BodyTooLarge, read_limited_body
from waypost.core.responses import error_response, method_not_allowed
from waypost.core.safe_json import UnsafeJson, parse_json
from waypost.intake.choices import Source
from waypost.intake.details import ACCEPTED_FIELDS, check_contact_details
from waypost.intake.ratelimit import RateLimited
from waypost.intake.services import IdempotencyConflict, fingerprint, submit_contact_request

MAXIMUM_BODY_BYTES = 16 * 1024
MAXIMUM_KEY_LENGTH = 255


@allow_only(("POST",), method_not_allowed)
def create_referral(request: HttpRequest) -> HttpResponse:
    """POST /api/referrals: a contact request, made idempotent by the Idempotency-Key header."""
    body = readable_body(request)
    if isinstance(body, HttpResponse):
        return body
    details, errors = check_contact_details(body)
    if details is None:
        return error_response(errors, 422)
    try:
        submission = submit_contact_request(
            details=details,
            source=Source.API,
            client_address=client_address(request),
            idempotency_key=request.headers["Idempotency-Key"],
            body_fingerprint=fingerprint(body),
        )
    except IdempotencyConflict as conflict:
        return error_response({"Idempotency-Key": str(conflict)}, 409)
    except RateLimited:
        return error_response({"request": "Too many requests from this client; try again in an hour"}, 429)
    return JsonResponse({"reference": submission.request.reference, "status": "received"}, status=201)


def readable_body(request: HttpRequest) -> dict[str, Any] | HttpResponse:
    """The JSON body, parsed once, or the response saying what is wrong before any field is read."""
    if request.content_type != "application/json":
        return error_response({"Content-Type": "Send the body as application/json"}, 415)
    try:
        raw = read_limited_body(request, maximum=MAXIMUM_BODY_BYTES)
    except BodyTooLarge:
        return error_response({"request": f"The body must be {MAXIMUM_BODY_BYTES:,} bytes or fewer"}, 413)
    key = request.headers.get("Idempotency-Key", "")
    if not key.strip() or len(key) > MAXIMUM_KEY_LENGTH:
        return error_response({"Idempotency-Key": "Send an Idempotency-Key header of 1 to 255 characters"}, 400)
    try:
        body: Any = parse_json(raw)
    except UnsafeJson as error:
        return error_response({"request": str(error)}, 400)
    if not isinstance(body, dict):
        return error_response({"request": "The body must be a JSON object"}, 422)
    unknown = sorted(set(body) - ACCEPTED_FIELDS)
    if unknown:
        return error_response(dict.fromkeys(unknown, "Unknown field"), 422)
    return body
