"""FHIR responses: a resource as application/fhir+json, OperationOutcome errors, and searchset Bundles."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, QueryDict

FHIR_JSON = "application/fhir+json"
DEFAULT_COUNT = 20
MAXIMUM_COUNT = 100


class SearchError(ValueError):
    """A search parameter cannot be used; the message names it."""


def fhir_response(resource: dict[str, Any], status: int = 200) -> HttpResponse:
    # Displays taken from translatable labels are lazy strings; the API speaks the address's language (English)
    body = json.dumps(resource, cls=DjangoJSONEncoder)
    return HttpResponse(body, status=status, content_type=f"{FHIR_JSON}; charset=utf-8")


def operation_outcome(issue_code: str, message: str, status: int) -> HttpResponse:
    outcome = {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": "error", "code": issue_code, "diagnostics": message}],
    }
    return fhir_response(outcome, status)


def method_not_allowed(method: str, allowed: tuple[str, ...]) -> HttpResponse:
    return operation_outcome("not-supported", f"{method} is not allowed here; use {' or '.join(allowed)}.", 405)


def not_found(resource_type: str, resource_id: str) -> HttpResponse:
    return operation_outcome("not-found", f"There is no {resource_type} with id {resource_id!r}.", 404)


def positive_number(parameters: QueryDict, name: str, default: int, maximum: int) -> int:
    text = parameters.get(name, "")
    if not text:
        return default
    if len(text) > 6 or not text.isascii() or not text.isdigit() or not 1 <= int(text) <= maximum:
        raise SearchError(f"{name} must be a whole number from 1 to {maximum}.")
    return int(text)


def paging(parameters: QueryDict) -> tuple[int, int]:
    """(_count, page) from the query, checked."""
    return (
        positive_number(parameters, "_count", DEFAULT_COUNT, MAXIMUM_COUNT),
        positive_number(parameters, "page", 1, 100_000),
    )


def searchset(
    request: HttpRequest, resources: Sequence[dict[str, Any]], *, total: int, count: int, page: int
) -> HttpResponse:
    """One page of matches, with self and next links that keep the other parameters."""
    base = request.build_absolute_uri(request.path)
    entries = [
        {"fullUrl": f"{base}/{resource['id']}", "resource": resource, "search": {"mode": "match"}}
        for resource in resources
    ]
    links = [{"relation": "self", "url": page_url(request, page)}]
    if page * count < total:
        links.append({"relation": "next", "url": page_url(request, page + 1)})
    bundle: dict[str, Any] = {"resourceType": "Bundle", "type": "searchset", "total": total, "link": links}
    if entries:
        bundle["entry"] = entries
    return fhir_response(bundle)


def page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
