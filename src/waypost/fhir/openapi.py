"""The FHIR endpoints' part of the OpenAPI document (api/openapi.py merges it in), so the fuzz test covers them.

Bodies are described loosely (a resource of the right resourceType); fhir.resources checks them in the tests.
"""

from __future__ import annotations

from typing import Any

from waypost.directory.taxonomy import CARE_TYPES, Category
from waypost.fhir.responses import FHIR_JSON, MAXIMUM_COUNT
from waypost.fhir.task_patch import OPERATIONS, PATCHABLE, TASK_STATUSES

BEARER: list[dict[str, list[str]]] = [{"fhirBearer": []}]


def resource(resource_type: str) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["resourceType"],
        "properties": {"resourceType": {"const": resource_type}},
    }


def answer(description: str, resource_type: str) -> dict[str, Any]:
    return {"description": description, "content": {FHIR_JSON: {"schema": resource(resource_type)}}}


def outcome(description: str) -> dict[str, Any]:
    return answer(description, "OperationOutcome")


UNAUTHORISED = {
    **outcome("No bearer token, or one that is not valid or was revoked (WWW-Authenticate: Bearer)."),
    "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}},
}


def query(name: str, description: str, schema: dict[str, Any], example: Any = None) -> dict[str, Any]:
    parameter = {"name": name, "in": "query", "required": False, "schema": schema, "description": description}
    if example is not None:
        parameter["example"] = example
    return parameter


PAGING = [
    query(
        "_count",
        f"Results per page, 1 to {MAXIMUM_COUNT} (20 if left out).",
        {"type": "integer", "minimum": 1, "maximum": MAXIMUM_COUNT},
    ),
    query("page", "Page number, from 1.", {"type": "integer", "minimum": 1, "maximum": 100_000}),
]
RESOURCE_ID = {
    "name": "id",
    "in": "path",
    "required": True,
    "schema": {"type": "string"},
    "description": "The resource id (a referral's reference for Task, ServiceRequest and Consent).",
}


def search(
    summary: str, operation_id: str, resource_type: str, parameters: list[dict[str, Any]], *, token: bool
) -> dict[str, Any]:
    responses = {
        "200": answer(f"A searchset Bundle of {resource_type} resources, with the total and a next link.", "Bundle"),
        "400": outcome("A search parameter cannot be used; the diagnostics name it."),
    }
    operation: dict[str, Any] = {"summary": summary, "operationId": operation_id, "parameters": [*parameters, *PAGING]}
    if token:
        responses["401"] = UNAUTHORISED
        operation["security"] = BEARER
    operation["responses"] = responses
    return {"get": operation}


def read(resource_type: str, operation_id: str, *, token: bool) -> dict[str, Any]:
    responses = {
        "200": answer(f"The {resource_type}.", resource_type),
        "404": outcome(f"No such {resource_type}" + (", or one for another organisation." if token else ".")),
    }
    operation: dict[str, Any] = {
        "summary": f"Read a {resource_type}",
        "operationId": operation_id,
        "parameters": [RESOURCE_ID],
    }
    if token:
        responses["401"] = UNAUTHORISED
        operation["security"] = BEARER
    operation["responses"] = responses
    return {"get": operation}


JSON_PATCH_SCHEMA = {
    "type": "array",
    "minItems": 1,
    "maxItems": 20,
    "items": {
        "type": "object",
        "required": ["op", "path"],
        "properties": {
            "op": {"enum": list(OPERATIONS), "description": "add, replace, remove and test are applied."},
            "path": {"type": "string", "description": f"A JSON Pointer under /{', /'.join(PATCHABLE)}."},
            "value": {},
        },
    },
}


def task_patch() -> dict[str, Any]:
    return {
        "summary": "Move a referral: JSON Patch on status, statusReason, businessStatus or executionPeriod",
        "operationId": "patchFhirTask",
        "security": BEARER,
        "parameters": [
            RESOURCE_ID,
            {
                "name": "If-Match",
                "in": "header",
                "required": False,
                "schema": {"type": "string"},
                "description": 'The ETag last read, like W/"3": refused with 409 if the Task moved since.',
            },
        ],
        "requestBody": {"required": True, "content": {"application/json-patch+json": {"schema": JSON_PATCH_SCHEMA}}},
        "responses": {
            "200": answer("The Task after the move.", "Task"),
            "400": outcome("Not JSON, not a JSON Patch, a malformed operation or a malformed If-Match."),
            "401": UNAUTHORISED,
            "404": outcome("No such Task, or one for another organisation."),
            "409": outcome("The Task changed since it was read (If-Match, a failed test, or another writer)."),
            "413": outcome("The body is larger than 16,384 bytes."),
            "415": outcome("The body is not application/json-patch+json."),
            "422": outcome(
                "A path that cannot be changed, a value Waypost cannot store, or a move the life cycle forbids."
            ),
        },
    }


def fhir_paths() -> dict[str, Any]:
    category = {"type": "string", "enum": [str(value) for value in Category]}
    return {
        "/fhir/metadata": {
            "get": {
                "summary": "The CapabilityStatement: every resource, interaction and search parameter served",
                "operationId": "fhirMetadata",
                "responses": {"200": answer("The CapabilityStatement.", "CapabilityStatement")},
            }
        },
        "/fhir/HealthcareService": search(
            "Listed services (never ketamine infusion clinics)",
            "searchFhirHealthcareService",
            "HealthcareService",
            [
                query("service-category", "Category code; comma for any of several.", category, "addiction"),
                query(
                    "service-type",
                    "Care type code; comma for any of several.",
                    {"type": "string", "enum": list(CARE_TYPES.codes())},
                ),
                query("organization", "Organization/{id}: the services one organisation runs.", {"type": "string"}),
            ],
            token=False,
        ),
        "/fhir/HealthcareService/{id}": read("HealthcareService", "readFhirHealthcareService", token=False),
        "/fhir/Organization": search(
            "Organisations that run listed services",
            "searchFhirOrganization",
            "Organization",
            [query("name", "Part of the organisation's name.", {"type": "string", "maxLength": 300})],
            token=False,
        ),
        "/fhir/Organization/{id}": read("Organization", "readFhirOrganization", token=False),
        "/fhir/Location": search(
            "Locations of listed services, nearest first with near",
            "searchFhirLocation",
            "Location",
            [
                query(
                    "near",
                    "LATITUDE|LONGITUDE|DISTANCE|km (or [mi_i]); 25 km if no distance.",
                    {"type": "string"},
                    "53.48|-2.24|10|km",
                )
            ],
            token=False,
        ),
        "/fhir/Location/{id}": read("Location", "readFhirLocation", token=False),
        "/fhir/Task": search(
            "The client's referral inbox",
            "searchFhirTask",
            "Task",
            [
                query(
                    "owner",
                    "Organization/org-{slug}: the client's own organisation (any other finds nothing).",
                    {"type": "string"},
                ),
                query(
                    "status",
                    "Task status; comma for any of several.",
                    {"type": "string", "enum": list(TASK_STATUSES)},
                    "requested",
                ),
            ],
            token=True,
        ),
        "/fhir/Task/{id}": {**read("Task", "readFhirTask", token=True), "patch": task_patch()},
        "/fhir/ServiceRequest/{id}": read("ServiceRequest", "readFhirServiceRequest", token=True),
        "/fhir/Consent/{id}": read("Consent", "readFhirConsent", token=True),
    }


SECURITY_SCHEMES = {
    "fhirBearer": {
        "type": "http",
        "scheme": "bearer",
        "description": "A token from `waypost create-api-client --organisation SLUG`.",
    }
}
