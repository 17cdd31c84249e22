"""The OpenAPI 3.1 document for the JSON API, written by hand so it says exactly what the checks enforce."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from waypost import __version__
from waypost.directory.forms import MAXIMUM_API_RADIUS_KM, ApiSearchForm
from waypost.fhir.openapi import SECURITY_SCHEMES, fhir_paths
from waypost.instruments.registry import list_questionnaire_ids
from waypost.intake.choices import BestTime, ContactMethod, ForWhom, PersonKnows, Relationship
from waypost.intake.details import (
    EMAIL_MAX_LENGTH,
    HELP_WITH_MAX_LENGTH,
    NAME_MAX_LENGTH,
    NOTES_MAX_LENGTH,
    PHONE_MAX_LENGTH,
    REGION_MAX_LENGTH,
    REQUEST_LANGUAGES,
    SUMMARY_MAX_ENTRIES,
    band_codes,
    flag_codes,
)
from waypost.recovery.openapi import SECURITY_SCHEMES as RECOVERY_SECURITY_SCHEMES
from waypost.recovery.openapi import recovery_paths


def enum_of(choices: Any) -> dict[str, Any]:
    return {"type": "string", "enum": list(choices.values)}


def list_of(choices: Any) -> dict[str, Any]:
    return {"type": "array", "items": enum_of(choices), "minItems": 1, "uniqueItems": True}


def text(maximum: int, description: str) -> dict[str, Any]:
    return {"type": "string", "maxLength": maximum, "description": description}


def summary_entry(questionnaire_id: str) -> dict[str, Any]:
    """One questionnaire's summary: only its own band codes (or null) and its own flag codes."""
    flags = sorted(flag_codes(questionnaire_id))
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["questionnaire"],
        "properties": {
            "questionnaire": {"const": questionnaire_id},
            "band": {"enum": [*sorted(band_codes(questionnaire_id)), None]},
            "flags": {"type": "array", "uniqueItems": True, "items": {"enum": flags}} if flags else {"maxItems": 0},
        },
    }


SUMMARY_ENTRY = {"anyOf": [summary_entry(questionnaire_id) for questionnaire_id in list_questionnaire_ids()]}

REFERRAL_FIELDS: dict[str, dict[str, Any]] = {
    "for_whom": enum_of(ForWhom),
    "relationship": {**enum_of(Relationship), "description": "Required when for_whom is someone-else."},
    "person_knows": {**enum_of(PersonKnows), "description": "Required when for_whom is someone-else."},
    "contact_methods": list_of(ContactMethod),
    "phone": text(PHONE_MAX_LENGTH, "Required for call or text. UK, US or international (+...) format."),
    "email": {**text(EMAIL_MAX_LENGTH, "Required for email."), "format": "email"},
    "best_times": list_of(BestTime),
    "voicemail_ok": {"type": "boolean", "description": "Required for call."},
    "safe_to_text": {"type": "boolean", "description": "Required for call without text."},
    "safe_contact_notes": text(NOTES_MAX_LENGTH, "Anything else about contacting the person safely."),
    "name": text(NAME_MAX_LENGTH, "The name to use; need not be a real name."),
    "region": text(REGION_MAX_LENGTH, "Town, area or postcode district."),
    "help_with": text(HELP_WITH_MAX_LENGTH, "Free text, read by a person; not scanned for risk."),
    "selfcheck_summary": {"type": "array", "maxItems": SUMMARY_MAX_ENTRIES, "items": SUMMARY_ENTRY},
    "consent": {"type": "boolean", "const": True, "description": "The person agreed to how the data is used."},
    "language": {
        "enum": list(REQUEST_LANGUAGES),
        "description": "The language the person's messages are written in; without it, the address's (ADR 0046).",
    },
}


def when_chosen(method: ContactMethod) -> dict[str, Any]:
    return {"required": ["contact_methods"], "properties": {"contact_methods": {"contains": {"const": method.value}}}}


# The follow-up questions each answer makes necessary, as the web journey asks them (JSON Schema 2020-12 if/then)
CONDITIONAL_REQUIREMENTS: list[dict[str, Any]] = [
    {
        "if": {"required": ["for_whom"], "properties": {"for_whom": {"const": ForWhom.SOMEONE_ELSE.value}}},
        "then": {"required": ["relationship", "person_knows"]},
    },
    {"if": when_chosen(ContactMethod.CALL), "then": {"required": ["phone", "voicemail_ok"]}},
    {"if": when_chosen(ContactMethod.TEXT), "then": {"required": ["phone"]}},
    {"if": when_chosen(ContactMethod.EMAIL), "then": {"required": ["email"]}},
    {
        "if": {"allOf": [when_chosen(ContactMethod.CALL), {"not": when_chosen(ContactMethod.TEXT)}]},
        "then": {"required": ["safe_to_text"]},
    },
]

ERRORS = {
    "type": "object",
    "required": ["errors"],
    "properties": {"errors": {"type": "object", "additionalProperties": {"type": "string"}}},
}


def error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}},
    }


SEARCH_PARAMETER_DESCRIPTIONS = {
    "lat": "Latitude of the centre, decimal degrees (WGS84).",
    "lon": "Longitude of the centre, decimal degrees (WGS84).",
    "radius_km": f"Radius in kilometres, 0.1 to {MAXIMUM_API_RADIUS_KM:g}; 25 if left out.",
    "care_type": "Types of care, repeated or comma-separated; a service offering any of them matches.",
    "payment": "Ways to pay, repeated or comma-separated; any of them will do.",
    "age_group": "Ages served, repeated or comma-separated; any of them will do.",
    "language": "ISO 639-1 language codes (sgn for sign languages), repeated or comma-separated.",
    "accepting": "true: only services taking new clients.",
    "telehealth": "true: only services offering telehealth.",
    "page": "Page number, from 1.",
    "page_size": "Results per page, 1 to 100; 10 if left out.",
}

# A point with services near it in the demo data (central Manchester), for readers and for the API fuzzer
SEARCH_PARAMETER_EXAMPLES = {"lat": 53.48, "lon": -2.24}

SERVICE_RESULT = {
    "type": "object",
    "required": ["id", "name", "organization", "distance_km", "location", "url"],
    "properties": {
        "id": {"type": "string", "format": "uuid", "description": "Stable HSDS id of the service."},
        "name": {"type": "string"},
        "organization": {
            "type": "object",
            "properties": {"name": {"type": "string"}, "ownership": {"type": "string"}},
        },
        "distance_km": {"type": "number"},
        "location": {
            "type": "object",
            "properties": {
                "address": {"type": "string"},
                "country": {"type": "string"},
                "latitude": {"type": "number"},
                "longitude": {"type": "number"},
            },
        },
        "care_types": {"type": "array", "items": {"type": "string"}},
        "payment": {"type": "array", "items": {"type": "string"}},
        "age_groups": {"type": "array", "items": {"type": "string"}},
        "languages": {"type": "array", "items": {"type": "string"}},
        "gender": {"type": "string"},
        "accepting_new_clients": {"type": "string", "enum": ["yes", "no", "unknown"]},
        "is_accepting": {"type": "boolean"},
        "typical_wait_weeks": {"type": ["integer", "null"]},
        "phones": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"number": {"type": "string"}, "description": {"type": "string"}},
            },
        },
        "website": {"type": "string", "description": "Empty when none is known."},
        "last_verified_on": {"type": ["string", "null"], "format": "date"},
        "verification_source": {"type": "string"},
        "stale_after_days": {"type": "integer", "description": "Older verification than this should be flagged."},
        "url": {"type": "string", "format": "uri", "description": "The service's page on this site."},
    },
}


def search_parameter(name: str, field: forms.Field) -> dict[str, Any]:
    """One query parameter of GET /api/services, read from the form that checks it."""
    schema: dict[str, Any]
    if isinstance(field, forms.MultipleChoiceField):
        codes = [code for code, _ in cast(list[tuple[str, str]], field.choices)]
        schema = {"type": "array", "items": {"type": "string", "enum": codes}}
    elif isinstance(field, forms.TypedChoiceField):
        schema = {"type": "boolean"}
    elif isinstance(field, forms.FloatField):  # before IntegerField, which FloatField subclasses
        schema = {"type": "number", "minimum": field.min_value, "maximum": field.max_value}
    else:
        schema = {"type": "integer", "minimum": field.min_value, "maximum": field.max_value}  # type: ignore[attr-defined]
    parameter = {"name": name, "in": "query", "required": field.required, "schema": schema}
    parameter["description"] = SEARCH_PARAMETER_DESCRIPTIONS[name]
    if name in SEARCH_PARAMETER_EXAMPLES:
        parameter["example"] = SEARCH_PARAMETER_EXAMPLES[name]
    if schema["type"] == "array":
        parameter.update(style="form", explode=True)
    return parameter


def services_path() -> dict[str, Any]:
    return {
        "get": {
            "summary": "Listed services near a point, nearest first (never ketamine infusion clinics)",
            "operationId": "searchServices",
            "parameters": [search_parameter(name, field) for name, field in ApiSearchForm.base_fields.items()],
            "responses": {
                "200": {
                    "description": "One page of results and how many match in all.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ServicePage"}}},
                },
                "400": error("A parameter is missing, empty, malformed or unknown; each is named with a message."),
            },
        }
    }


def openapi_document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Waypost API", "version": __version__},
        "paths": {
            "/api/referrals": {
                "post": {
                    "summary": "Ask for someone to contact a person",
                    "operationId": "createReferral",
                    "parameters": [
                        {
                            "name": "Idempotency-Key",
                            "in": "header",
                            "required": True,
                            "schema": {"type": "string", "minLength": 1, "maxLength": 255},
                            "description": "The same key and body from the same client get the first response again.",
                        }
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Referral"}}},
                    },
                    "responses": {
                        "201": {
                            "description": "Received and stored (or the same request again).",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Received"}}},
                        },
                        "400": error("Missing Idempotency-Key or a body that is not JSON."),
                        "409": error("The Idempotency-Key was used with a different body or by another client."),
                        "413": error("The body is too large."),
                        "415": error("The body is not application/json."),
                        "422": error("Fields are missing, unknown or invalid; each is named with a message."),
                        "429": error("Too many requests from this client in the last hour."),
                    },
                }
            },
            "/api/services": services_path(),
            **fhir_paths(),
            **recovery_paths(),
        },
        "components": {
            "securitySchemes": {**SECURITY_SCHEMES, **RECOVERY_SECURITY_SCHEMES},
            "schemas": {
                "Referral": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["for_whom", "contact_methods", "best_times", "consent"],
                    "properties": REFERRAL_FIELDS,
                    "allOf": CONDITIONAL_REQUIREMENTS,
                },
                "Received": {
                    "type": "object",
                    "required": ["reference", "status"],
                    "properties": {"reference": {"type": "string"}, "status": {"const": "received"}},
                },
                "ServicePage": {
                    "type": "object",
                    "required": ["page", "page_size", "page_count", "total", "results"],
                    "properties": {
                        "page": {"type": "integer"},
                        "page_size": {"type": "integer"},
                        "page_count": {"type": "integer"},
                        "total": {"type": "integer"},
                        "results": {"type": "array", "items": {"$ref": "#/components/schemas/ServiceResult"}},
                    },
                },
                "ServiceResult": SERVICE_RESULT,
                "Errors": ERRORS,
            },
        },
    }
