"""The OpenAPI 3.1 document for the JSON API, written by hand so it says exactly what the checks enforce."""

from __future__ import annotations

from typing import Any

from waypost import __version__
from waypost.instruments.flags import Flag
from waypost.instruments.registry import list_questionnaire_ids
from waypost.referrals.choices import BestTime, ContactMethod, ForWhom, PersonKnows, Relationship
from waypost.referrals.details import (
    EMAIL_MAX_LENGTH,
    HELP_WITH_MAX_LENGTH,
    NAME_MAX_LENGTH,
    NOTES_MAX_LENGTH,
    REGION_MAX_LENGTH,
    SUMMARY_MAX_ENTRIES,
)


def enum_of(choices: Any) -> dict[str, Any]:
    return {"type": "string", "enum": list(choices.values)}


def list_of(choices: Any) -> dict[str, Any]:
    return {"type": "array", "items": enum_of(choices), "minItems": 1, "uniqueItems": True}


def text(maximum: int, description: str) -> dict[str, Any]:
    return {"type": "string", "maxLength": maximum, "description": description}


SUMMARY_ENTRY = {
    "type": "object",
    "additionalProperties": False,
    "required": ["questionnaire"],
    "properties": {
        "questionnaire": {"type": "string", "enum": list(list_questionnaire_ids())},
        "band": {"type": ["string", "null"]},
        "flags": {"type": "array", "items": {"type": "string", "enum": [flag.value for flag in Flag]}},
    },
}

REFERRAL_FIELDS: dict[str, dict[str, Any]] = {
    "for_whom": enum_of(ForWhom),
    "relationship": {**enum_of(Relationship), "description": "Required when for_whom is someone-else."},
    "person_knows": {**enum_of(PersonKnows), "description": "Required when for_whom is someone-else."},
    "contact_methods": list_of(ContactMethod),
    "phone": text(32, "Required for call or text. UK, US or international (+...) format."),
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
}

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
                            "description": "The same key with the same body returns the first response again.",
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
                        "409": error("The Idempotency-Key was used with a different body."),
                        "413": error("The body is too large."),
                        "415": error("The body is not application/json."),
                        "422": error("Fields are missing, unknown or invalid; each is named with a message."),
                        "429": error("Too many requests from this client in the last hour."),
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "Referral": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["for_whom", "contact_methods", "best_times", "consent"],
                    "properties": REFERRAL_FIELDS,
                },
                "Received": {
                    "type": "object",
                    "required": ["reference", "status"],
                    "properties": {"reference": {"type": "string"}, "status": {"const": "received"}},
                },
                "Errors": ERRORS,
            }
        },
    }
