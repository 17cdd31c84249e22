"""FHIR R4 endpoints: the questionnaires, and SDC $extract of scores. Nothing here stores anything."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from waypost.core.methods import SAFE_METHODS, allow_only
from waypost.core.request_bodies import BodyTooLarge, read_limited_body
from waypost.core.safe_json import UnsafeJson, parse_json
from waypost.fhir.mappers import ExtractionError, extract_observations
from waypost.fhir.responses import FHIR_JSON, fhir_response, method_not_allowed, operation_outcome
from waypost.instruments.registry import get_questionnaire
from waypost.instruments.responses import questionnaire_id_from_canonical
from waypost.instruments.terminology import DEFAULT_FHIR_BASE_URL
from waypost.recovery import check_ins as recovery_check_ins
from waypost.selfcheck.availability import enabled_questionnaire_ids, is_enabled

ACCEPTED_CONTENT_TYPES = (FHIR_JSON, "application/json")
MAXIMUM_BODY_BYTES = 256 * 1024


@allow_only(SAFE_METHODS, method_not_allowed)
def questionnaire_search(request: HttpRequest) -> HttpResponse:
    entries = [
        {
            "fullUrl": request.build_absolute_uri(reverse("fhir:questionnaire_read", args=[questionnaire_id])),
            "resource": get_questionnaire(questionnaire_id),
            "search": {"mode": "match"},
        }
        for questionnaire_id in enabled_questionnaire_ids()
    ]
    bundle = {"resourceType": "Bundle", "type": "searchset", "total": len(entries), "entry": entries}
    return fhir_response(bundle)


@allow_only(SAFE_METHODS, method_not_allowed)
def questionnaire_read(request: HttpRequest, questionnaire_id: str) -> HttpResponse:
    # Recovery check-ins are not a self-check instrument, so the questionnaire lives with its app (ADR 0040)
    if questionnaire_id == recovery_check_ins.QUESTIONNAIRE_ID:
        return fhir_response(recovery_check_ins.questionnaire())
    if not is_enabled(questionnaire_id):
        return operation_outcome("not-found", f"There is no Questionnaire with id {questionnaire_id!r}.", 404)
    return fhir_response(get_questionnaire(questionnaire_id))


@allow_only(("POST",), method_not_allowed)
def extract(request: HttpRequest) -> HttpResponse:
    media_type = request.content_type or ""
    if media_type not in ACCEPTED_CONTENT_TYPES:
        return operation_outcome("not-supported", f"Send the body as {FHIR_JSON}.", 415)
    try:
        bundle = extract_from(read_limited_body(request, maximum=MAXIMUM_BODY_BYTES))
    except BodyTooLarge:
        return operation_outcome("too-costly", f"The body is larger than {MAXIMUM_BODY_BYTES} bytes.", 413)
    except UnsafeJson as error:
        return operation_outcome("invalid", f"{error}.", 400)
    except ExtractionError as error:
        return operation_outcome(error.issue_code, str(error), error.http_status)
    return fhir_response(bundle)


def extract_from(body: bytes) -> dict[str, Any]:
    response = questionnaire_response_from(parse_json(body))
    if not is_enabled(questionnaire_id_of(response)):
        raise ExtractionError("That questionnaire is not offered by this service.", "not-found")
    return extract_observations(response, base_url=DEFAULT_FHIR_BASE_URL)


def questionnaire_response_from(body: Any) -> dict[str, Any]:
    """SDC allows the response itself or a Parameters resource naming it `questionnaire-response`."""
    if not isinstance(body, dict):
        raise ExtractionError("The body must be a QuestionnaireResponse or a Parameters resource.")
    if body.get("resourceType") != "Parameters":
        return body
    parameters = body.get("parameter", [])
    if not isinstance(parameters, list):
        raise ExtractionError("The Parameters resource's 'parameter' must be a list.")
    for parameter in parameters:
        if isinstance(parameter, dict) and parameter.get("name") == "questionnaire-response":
            resource = parameter.get("resource")
            if isinstance(resource, dict):
                return resource
    raise ExtractionError("The Parameters resource has no 'questionnaire-response' parameter.", "required")


def questionnaire_id_of(response: dict[str, Any]) -> str:
    canonical = response.get("questionnaire")
    if not isinstance(canonical, str) or not canonical:
        raise ExtractionError("The QuestionnaireResponse must name its questionnaire.", "required")
    return questionnaire_id_from_canonical(canonical)
