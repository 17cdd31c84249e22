"""GET /api/services: the directory search as JSON, for other tools. Read-only, no cookies, no keys."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse

from waypost.core.methods import SAFE_METHODS, allow_only
from waypost.core.responses import error_response, method_not_allowed
from waypost.directory.forms import ApiSearchForm
from waypost.directory.presenters import STALE_AFTER_DAYS, address_text, safe_website
from waypost.directory.rules import is_accepting
from waypost.directory.search import Hit, find_services
from waypost.directory.storage.rows import stable_uuid
from waypost.directory.taxonomy import AGE_GROUPS, CARE_TYPES, PAYMENT_OPTIONS


@allow_only(SAFE_METHODS, method_not_allowed)
def services(request: HttpRequest) -> HttpResponse:
    """Listed services near a point, nearest first. Ketamine infusion clinics are never listed.

    Query parameters:
      lat, lon     required; decimal degrees (WGS84), -90..90 and -180..180
      radius_km    optional; 0.1 to 200, default 25
      care_type    optional; codes, repeated or comma-separated, any of which will do:
                   withdrawal-inpatient, withdrawal-outpatient, residential-short, residential-long,
                   day-programme, intensive-outpatient, outpatient-counselling, aftercare, peer-support,
                   harm-reduction, dual-diagnosis, family-support, urology, telehealth
      payment      optional; free, private-insurance, medicaid, medicare, self-pay, sliding-scale
      age_group    optional; children, young-people, young-adults, adults, older-adults
      language     optional; ISO 639-1 codes (en, es, pl, ...) and sgn for sign languages
      accepting    optional; true for services taking new clients only
      telehealth   optional; true for services offering telehealth only
      page         optional; from 1, default 1
      page_size    optional; 1 to 100, default 10

    200: {"page", "page_size", "page_count", "total", "results": [...]}, each result with its distance in km.
    400: {"errors": {parameter: message}} for a missing, empty, malformed or unknown parameter.
    """
    unknown = sorted(set(request.GET) - set(ApiSearchForm.base_fields))
    if unknown:
        return error_response(dict.fromkeys(unknown, "Unknown parameter"), 400)
    empty = empty_optional_parameters(request)
    if empty:
        return error_response(dict.fromkeys(empty, "Give a value, or leave the parameter out"), 400)
    form = ApiSearchForm(request.GET)
    if not form.is_valid():
        return error_response({name: str(messages[0]) for name, messages in form.errors.items()}, 400)
    search_request = form.search_request()
    outcome = find_services(search_request)
    return JsonResponse(
        {
            "page": outcome.page,
            "page_size": search_request.page_size,
            "page_count": outcome.page_count,
            "total": outcome.total,
            "results": [result_json(request, hit) for hit in outcome.hits],
        }
    )


def empty_optional_parameters(request: HttpRequest) -> list[str]:
    """`page=` would otherwise mean the default silently; a required one already gets its own message."""
    return sorted(
        name
        for name, values in request.GET.lists()
        if not ApiSearchForm.base_fields[name].required and any(not value.strip() for value in values)
    )


def result_json(request: HttpRequest, hit: Hit) -> dict[str, Any]:
    service, location = hit.service, hit.location
    return {
        "id": stable_uuid("service", service.source, service.source_id),
        "name": service.name,
        "organization": {"name": service.organization.name, "ownership": service.organization.ownership},
        "distance_km": round(hit.distance_km, 3),
        "location": {
            "address": address_text(location),
            "country": location.country,
            "latitude": location.latitude,
            "longitude": location.longitude,
        },
        "care_types": list(CARE_TYPES.codes_in(service.care_types)),
        "payment": list(PAYMENT_OPTIONS.codes_in(service.payment_options)),
        "age_groups": list(AGE_GROUPS.codes_in(service.age_groups)),
        "languages": service.language_codes.split(),
        "gender": service.gender,
        "accepting_new_clients": service.accepting,
        "is_accepting": is_accepting(service.accepting),
        "typical_wait_weeks": service.typical_wait_weeks,
        "phones": [{"number": phone.number, "description": phone.description} for phone in hit.phones],
        "website": safe_website(service.url or service.organization.website),
        "last_verified_on": service.last_verified_on.isoformat() if service.last_verified_on else None,
        "verification_source": service.verification_source,
        "stale_after_days": STALE_AFTER_DAYS,
        "url": request.build_absolute_uri(reverse("directory:service", args=[service.pk])),
    }
