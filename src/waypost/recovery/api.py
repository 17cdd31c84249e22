"""The recovery API for a phone app (/api/recovery/…): sign-in by code, a bearer token, plan, check-ins, help now.

Every read is the token's own person's; another person's check-in is a 404, exactly like one that does not exist.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from waypost.core.helplines import emergency_line
from waypost.core.methods import allow_only
from waypost.core.regions import current_language, current_region
from waypost.core.request_bodies import BodyTooLarge, read_limited_body
from waypost.core.responses import error_response, method_not_allowed
from waypost.core.safe_json import UnsafeJson, parse_json
from waypost.recovery import access, check_ins, services, signing_in
from waypost.recovery.forms import channel_and_contact
from waypost.recovery.models import CheckIn, Enrolment
from waypost.recovery.presenters import PLAN_KEYS, DatedAnswers, plan_text, week_rows
from waypost.recovery.rules import progress
from waypost.selfcheck.results import crisis_lines

MAXIMUM_BODY_BYTES = 32 * 1024
MAXIMUM_SECTION_LENGTH = 2000
LARGEST_ID = 2**31 - 1
TOKEN_MESSAGES = {
    signing_in.CodeResult.WRONG: "That code is not right, or it was not sent to this contact",
    signing_in.CodeResult.EXPIRED: "That code has expired or was already used; ask for a new code",
    signing_in.CodeResult.THROTTLED: "Too many wrong codes; ask for a new code",
}
PersonEndpoint = Callable[[HttpRequest, Enrolment], HttpResponse]


def json_body(request: HttpRequest) -> dict[str, Any] | HttpResponse:
    """The JSON object sent, or the response saying what is wrong with it."""
    if request.content_type != "application/json":
        return error_response({"Content-Type": "Send the body as application/json"}, 415)
    try:
        body: Any = parse_json(read_limited_body(request, maximum=MAXIMUM_BODY_BYTES))
    except BodyTooLarge:
        return error_response({"request": f"The body must be {MAXIMUM_BODY_BYTES:,} bytes or fewer"}, 413)
    except UnsafeJson as error:
        return error_response({"request": str(error)}, 400)
    if not isinstance(body, dict):
        return error_response({"request": "The body must be a JSON object"}, 422)
    return body


def unknown_fields(body: dict[str, Any], accepted: set[str]) -> HttpResponse | None:
    unknown = sorted(set(body) - accepted)
    return error_response(dict.fromkeys(unknown, "Unknown field"), 422) if unknown else None


def contact_from(body: dict[str, Any]) -> str | HttpResponse:
    raw = body.get("contact")
    if not isinstance(raw, str):
        return error_response({"contact": "Give a mobile number or an email address"}, 422)
    try:
        return channel_and_contact(raw)[1]
    except ValidationError as error:
        return error_response({"contact": error.messages[0]}, 422)


def unauthorised() -> HttpResponse:
    response = error_response({"Authorization": "Send a valid bearer token from POST /api/recovery/token"}, 401)
    response["WWW-Authenticate"] = 'Bearer realm="recovery"'
    return response


def person_endpoint(endpoint: PersonEndpoint) -> Callable[[HttpRequest], HttpResponse]:
    @wraps(endpoint)
    def wrapper(request: HttpRequest) -> HttpResponse:
        enrolment = access.enrolment_for_token(request.headers.get("Authorization", ""))
        return unauthorised() if enrolment is None else endpoint(request, enrolment)

    return wrapper


@allow_only(("POST",), method_not_allowed)
def sign_in(request: HttpRequest) -> HttpResponse:
    """A code to the contact if it has recovery support; the same answer either way, so nothing leaks."""
    body = json_body(request)
    if isinstance(body, HttpResponse):
        return body
    refusal = unknown_fields(body, {"contact"})
    contact = refusal or contact_from(body)
    if isinstance(contact, HttpResponse):
        return contact
    signing_in.send_sign_in_code(contact=contact, language=current_language())
    return JsonResponse({"status": "sent-if-enrolled"}, status=202)


@allow_only(("POST",), method_not_allowed)
def token(request: HttpRequest) -> HttpResponse:
    body = json_body(request)
    if isinstance(body, HttpResponse):
        return body
    refusal = unknown_fields(body, {"contact", "code"})
    contact = refusal or contact_from(body)
    if isinstance(contact, HttpResponse):
        return contact
    code = body.get("code")
    if not isinstance(code, str) or not code.strip() or len(code) > 12:
        return error_response({"code": "Give the code we sent you"}, 422)
    result, bearer, expires_at = signing_in.exchange_code_for_token(contact=contact, code=code)
    if result == signing_in.CodeResult.THROTTLED:
        return error_response({"code": TOKEN_MESSAGES[result]}, 429)
    if expires_at is None:
        return error_response({"code": TOKEN_MESSAGES[result]}, 401)
    return JsonResponse({"access_token": bearer, "token_type": "Bearer", "expires_at": expires_at.isoformat()})


@allow_only(("GET", "HEAD", "PUT"), method_not_allowed)
@person_endpoint
def plan(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    if request.method == "PUT":
        body = json_body(request)
        if isinstance(body, HttpResponse):
            return body
        sections = checked_sections(body)
        if isinstance(sections, HttpResponse):
            return sections
        services.save_plan(enrolment=enrolment, sections=sections)
    stored = access.own_plan(enrolment)
    text = plan_text(stored.sections if stored else None)
    return JsonResponse({"sections": {key: text.get(key, "") for key in PLAN_KEYS}})


def checked_sections(body: dict[str, Any]) -> dict[str, str] | HttpResponse:
    refusal = unknown_fields(body, {"sections"})
    sections = body.get("sections")
    if refusal or not isinstance(sections, dict):
        return refusal or error_response({"sections": "Give sections as an object of text"}, 422)
    errors = {
        f"sections.{key}": "Unknown section"
        if key not in PLAN_KEYS
        else f"Give text of at most {MAXIMUM_SECTION_LENGTH} characters"
        for key, value in sections.items()
        if key not in PLAN_KEYS or not isinstance(value, str) or len(value) > MAXIMUM_SECTION_LENGTH
    }
    if errors:
        return error_response(errors, 422)
    return {key: str(sections.get(key, "")).strip() for key in PLAN_KEYS}


@allow_only(("GET", "HEAD", "POST"), method_not_allowed)
@person_endpoint
def check_in_collection(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    if request.method == "POST":
        return create_check_in(request, enrolment)
    rows = access.own_check_ins(enrolment)
    dated = [DatedAnswers(services.day_of(row), check_ins.from_response(json.loads(row.response))) for row in rows]
    summary = progress(check_ins.figures_of(item.answers, item.day) for item in dated)
    weeks = week_rows(dated, weeks=12, today=timezone.localdate())
    return JsonResponse(
        {
            "checkIns": [resource_entry(row) for row in rows],
            "weeks": [
                {
                    "starts": week.starts.isoformat(),
                    "checkIns": week.check_ins,
                    "averageCraving": week.craving,
                    "averageMood": week.mood,
                    "useDays": week.use_days,
                    "bladderSymptomDays": week.bladder_days,
                }
                for week in weeks
            ],
            "daysWithoutUse": summary.days_without_use,
        }
    )


def create_check_in(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    body = json_body(request)
    if isinstance(body, HttpResponse):
        return body
    try:
        answers = check_ins.parse_response(body)
    except check_ins.InvalidResponse as error:
        return error_response({"QuestionnaireResponse": str(error)}, 422)
    result = services.record_check_in(enrolment=enrolment, answers=answers)
    stop = {
        "flags": [flag.value for flag in result.interrupting],
        "emergencyNumber": emergency_line(current_region()).primary_contact.value,
    }
    return JsonResponse({**resource_entry(result.check_in), "stop": stop if result.interrupting else None}, status=201)


def resource_entry(check_in: CheckIn) -> dict[str, Any]:
    return {"id": str(check_in.pk), "resource": json.loads(check_in.response)}


@allow_only(("GET", "HEAD"), method_not_allowed)
def check_in_item(request: HttpRequest, check_in_id: str) -> HttpResponse:
    enrolment = access.enrolment_for_token(request.headers.get("Authorization", ""))
    if enrolment is None:
        return unauthorised()
    try:
        if not check_in_id.isdigit() or int(check_in_id) > LARGEST_ID:
            raise Http404("No such check-in")
        return JsonResponse(resource_entry(access.own_check_in(enrolment, int(check_in_id))))
    except Http404:
        return error_response({"check_in": "There is no check-in with this id"}, 404)


@allow_only(("POST",), method_not_allowed)
@person_endpoint
def help_now(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    services.ask_for_help_now(enrolment=enrolment)
    region = current_region()
    emergency = emergency_line(region).primary_contact
    lines = [
        {"name": line.name, "label": line.primary_contact.label, "href": line.primary_contact.href}
        for line in crisis_lines(region)
    ]
    return JsonResponse(
        {
            "emergency": {"label": emergency.label, "href": emergency.href},
            "crisisLines": lines,
            "alertedCareTeam": enrolment.shares_with_care_team,
        }
    )
