"""The recovery API's part of the OpenAPI document (/api/recovery/…), merged by api/openapi.py."""

from __future__ import annotations

from typing import Any

from waypost.recovery.presenters import PLAN_KEYS

JSON = "application/json"
BEARER: list[dict[str, list[str]]] = [{"recoveryBearer": []}]
SECURITY_SCHEMES = {
    "recoveryBearer": {
        "type": "http",
        "scheme": "bearer",
        "description": "A person's token from POST /api/recovery/token; it expires after 30 days.",
    }
}
ERRORS_REF = {"$ref": "#/components/schemas/Errors"}


def error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": ERRORS_REF}}}


def ok(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": schema}}}


def body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, "content": {JSON: {"schema": schema}}}


BODY_ERRORS = {
    "400": error("The body is not valid JSON."),
    "413": error("The body is too large."),
    "415": error("The body is not application/json."),
    "422": error("Fields are missing, unknown or invalid; each is named with a message."),
}
UNAUTHORISED = {"401": error("No bearer token, or one that is unknown or expired.")}
CONTACT = {"type": "string", "maxLength": 254, "description": "A mobile number or an email address."}
PLAN = {
    "type": "object",
    "required": ["sections"],
    "additionalProperties": False,
    "properties": {
        "sections": {
            "type": "object",
            "additionalProperties": False,
            "properties": {key: {"type": "string", "maxLength": 2000} for key in PLAN_KEYS},
        }
    },
}
CHECK_IN_ENTRY: dict[str, Any] = {
    "type": "object",
    "required": ["id", "resource"],
    "properties": {"id": {"type": "string"}, "resource": {"type": "object", "description": "QuestionnaireResponse"}},
}
WEEK = {
    "type": "object",
    "required": ["starts", "checkIns", "averageCraving", "averageMood", "useDays", "bladderSymptomDays"],
    "properties": {
        "starts": {"type": "string", "format": "date"},
        "checkIns": {"type": "integer"},
        "averageCraving": {"type": ["number", "null"]},
        "averageMood": {"type": ["number", "null"]},
        "useDays": {"type": "integer"},
        "bladderSymptomDays": {"type": "integer"},
    },
}


def recovery_paths() -> dict[str, Any]:
    return {
        "/api/recovery/sign-in": {
            "post": {
                "summary": "Send a one-time sign-in code to a person in recovery support",
                "operationId": "recoverySignIn",
                "requestBody": body(
                    {"type": "object", "required": ["contact"], "additionalProperties": False,
                     "properties": {"contact": CONTACT}}
                ),
                "responses": {
                    "202": ok("A code was sent if this contact has recovery support (the answer is the same if not).",
                              {"type": "object", "required": ["status"],
                               "properties": {"status": {"const": "sent-if-enrolled"}}}),
                    **BODY_ERRORS,
                },
            }
        },
        "/api/recovery/token": {
            "post": {
                "summary": "Exchange the code for a bearer token",
                "operationId": "recoveryToken",
                "requestBody": body(
                    {"type": "object", "required": ["contact", "code"], "additionalProperties": False,
                     "properties": {"contact": CONTACT, "code": {"type": "string", "minLength": 1, "maxLength": 12}}}
                ),
                "responses": {
                    "200": ok("A bearer token and when it expires.",
                              {"type": "object", "required": ["access_token", "token_type", "expires_at"],
                               "properties": {"access_token": {"type": "string"}, "token_type": {"const": "Bearer"},
                                              "expires_at": {"type": "string", "format": "date-time"}}}),
                    "401": error("The code is wrong, expired or already used."),
                    "429": error("Five wrong codes: ask for a new code."),
                    **BODY_ERRORS,
                },
            }
        },
        "/api/recovery/plan": {
            "get": {
                "summary": "The person's relapse-prevention plan",
                "operationId": "recoveryPlan",
                "security": BEARER,
                "responses": {"200": ok("Every section, empty if not written.", PLAN), **UNAUTHORISED},
            },
            "put": {
                "summary": "Replace the plan",
                "operationId": "recoveryPlanReplace",
                "security": BEARER,
                "requestBody": body(PLAN),
                "responses": {"200": ok("The plan as saved.", PLAN), **UNAUTHORISED, **BODY_ERRORS},
            },
        },
        "/api/recovery/check-ins": {
            "get": {
                "summary": "The person's check-ins as FHIR QuestionnaireResponses, with figures by week",
                "operationId": "recoveryCheckIns",
                "security": BEARER,
                "responses": {
                    "200": ok("Check-ins oldest first, 12 weeks of figures, and the days without use.",
                              {"type": "object", "required": ["checkIns", "weeks", "daysWithoutUse"],
                               "properties": {"checkIns": {"type": "array", "items": CHECK_IN_ENTRY},
                                              "weeks": {"type": "array", "items": WEEK},
                                              "daysWithoutUse": {"type": "integer"}}}),
                    **UNAUTHORISED,
                },
            },
            "post": {
                "summary": "Save a check-in (a completed QuestionnaireResponse of recovery-check-in)",
                "operationId": "recoveryCheckInCreate",
                "security": BEARER,
                "requestBody": body({"type": "object", "description": "A FHIR R4 QuestionnaireResponse."}),
                "responses": {
                    "201": ok("Saved. `stop` is set when an answer needs help now: show who to call at once.",
                              {**CHECK_IN_ENTRY, "required": ["id", "resource", "stop"],
                               "properties": {**CHECK_IN_ENTRY["properties"],
                                              "stop": {"type": ["object", "null"]}}}),
                    **UNAUTHORISED,
                    **BODY_ERRORS,
                },
            },
        },
        "/api/recovery/check-ins/{check_in_id}": {
            "get": {
                "summary": "One of the person's own check-ins",
                "operationId": "recoveryCheckIn",
                "security": BEARER,
                "parameters": [
                    {"name": "check_in_id", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {
                    "200": ok("The check-in.", CHECK_IN_ENTRY),
                    "404": error("No check-in with this id belongs to the token's person."),
                    **UNAUTHORISED,
                },
            }
        },
        "/api/recovery/help-now": {
            "post": {
                "summary": "I need help now: who to call, and an alert to the care team if the person consented",
                "operationId": "recoveryHelpNow",
                "security": BEARER,
                "responses": {
                    "200": ok("The emergency number and crisis lines of the region.",
                              {"type": "object", "required": ["emergency", "crisisLines", "alertedCareTeam"],
                               "properties": {"emergency": {"type": "object"},
                                              "crisisLines": {"type": "array", "items": {"type": "object"}},
                                              "alertedCareTeam": {"type": "boolean"}}}),
                    **UNAUTHORISED,
                },
            }
        },
    }  # fmt: skip
