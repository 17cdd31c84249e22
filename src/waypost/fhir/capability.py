"""GET /fhir/metadata: the CapabilityStatement, listing every resource, interaction and search parameter served."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from waypost import __version__
from waypost.core.methods import SAFE_METHODS, allow_only
from waypost.fhir.responses import fhir_response, method_not_allowed

PAGING = [
    ("_count", "number", "Results per page, 1 to 100 (20 if left out)."),
    ("page", "number", "Page number, from 1; Bundle.link next gives the following page."),
]
# resource type: (interactions, search parameters (name, type, documentation), needs a bearer token)
RESOURCES: dict[str, tuple[tuple[str, ...], list[tuple[str, str, str]], bool]] = {
    "HealthcareService": (
        ("read", "search-type"),
        [
            ("service-category", "token", "addiction (the only category listed); comma for any of several."),
            ("service-type", "token", "Care type codes (directory taxonomy); comma for any of several."),
            ("organization", "reference", "Organization/{id}: the services one organisation runs."),
        ],
        False,
    ),
    "Organization": (
        ("read", "search-type"),
        [("name", "string", "Part of the organisation's name.")],
        False,
    ),
    "Location": (
        ("read", "search-type"),
        [("near", "special", "LATITUDE|LONGITUDE|DISTANCE|km (or [mi_i]), nearest first; 25 km if no distance.")],
        False,
    ),
    "Questionnaire": (("read", "search-type"), [], False),
    "Task": (
        ("read", "search-type", "patch"),
        [
            ("owner", "reference", "Organization/org-{slug}: the client's own organisation."),
            ("status", "token", "Task status codes; comma for any of several."),
        ],
        True,
    ),
    "ServiceRequest": (("read",), [], True),
    "Consent": (("read",), [], True),
}


def resource_entry(resource_type: str) -> dict[str, Any]:
    interactions, parameters, needs_token = RESOURCES[resource_type]
    entry: dict[str, Any] = {
        "type": resource_type,
        "interaction": [{"code": code} for code in interactions],
        "versioning": "versioned" if needs_token else "no-version",
        "readHistory": False,
        "updateCreate": False,
        "documentation": "Needs a bearer token (waypost create-api-client)." if needs_token else "Public.",
    }
    if "search-type" in interactions:
        entry["searchParam"] = [
            {"name": name, "type": kind, "documentation": text} for name, kind, text in [*parameters, *PAGING]
        ]
    return entry


def capability_statement(base_url: str) -> dict[str, Any]:
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": "2026-11-30",
        "publisher": "Waypost",
        "kind": "instance",
        "software": {"name": "Waypost", "version": __version__},
        "implementation": {"description": "Waypost FHIR API", "url": base_url},
        "fhirVersion": "4.0.1",
        "format": ["application/fhir+json"],
        "patchFormat": ["application/json-patch+json"],
        "rest": [
            {
                "mode": "server",
                "security": {
                    "service": [
                        {
                            "coding": [
                                {
                                    "system": "http://terminology.hl7.org/CodeSystem/restful-security-service",
                                    "code": "OAuth",
                                }
                            ],
                            "text": "Bearer token from waypost create-api-client",
                        }
                    ],
                    "description": "The directory is public; Task, ServiceRequest and Consent need a bearer token.",
                },
                "resource": [resource_entry(resource_type) for resource_type in RESOURCES],
                "operation": [
                    {
                        "name": "extract",
                        "definition": "http://hl7.org/fhir/uv/sdc/OperationDefinition/QuestionnaireResponse-extract",
                    }
                ],
            }
        ],
    }


@allow_only(SAFE_METHODS, method_not_allowed)
def metadata(request: HttpRequest) -> HttpResponse:
    return fhir_response(capability_statement(request.build_absolute_uri("/fhir")))
