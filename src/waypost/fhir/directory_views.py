"""GET /fhir/HealthcareService, /fhir/Organization and /fhir/Location: the public directory, no token needed."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse

from waypost.accounts.models import Organisation as WaypostOrganisation
from waypost.core.methods import SAFE_METHODS, allow_only
from waypost.directory.geography import (
    MAXIMUM_RADIUS_KM,
    Point,
    bounding_box,
    haversine_km,
    is_valid_point,
    miles_to_km,
)
from waypost.directory.models import Location
from waypost.directory.taxonomy import CARE_TYPES, Category
from waypost.fhir import directory_resources as resources
from waypost.fhir.identifiers import directory_id, slug_from_organisation_id
from waypost.fhir.responses import (
    SearchError,
    fhir_response,
    method_not_allowed,
    not_found,
    operation_outcome,
    paging,
    searchset,
)

DEFAULT_NEAR_KM = 25.0
UNITS_IN_KM: dict[str, Callable[[float], float]] = {"km": float, "mi": miles_to_km, "[mi_i]": miles_to_km}


def searched(view: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    """A search view whose bad parameters are a 400 OperationOutcome naming them."""

    @wraps(view)
    def checked(request: HttpRequest) -> HttpResponse:
        try:
            return view(request)
        except SearchError as error:
            return operation_outcome("invalid", str(error), 400)

    return checked


def page_of(request: HttpRequest, rows: QuerySet[Any], mapper: Callable[[Any], dict[str, Any]]) -> HttpResponse:
    count, page = paging(request.GET)
    total = rows.count()
    shown = rows[(page - 1) * count : page * count]
    return searchset(request, [mapper(row) for row in shown], total=total, count=count, page=page)


def codes(request: HttpRequest, name: str, allowed: tuple[str, ...]) -> list[str]:
    """A token parameter's codes (comma means any of them), each with or without its system."""
    values = [code.split("|")[-1].strip() for value in request.GET.getlist(name) for code in value.split(",")]
    unknown = sorted({value for value in values if value not in allowed})
    if unknown:
        raise SearchError(f"{name}: unknown code {unknown[0][:40]!r}; use one of {', '.join(allowed)}.")
    return values


@allow_only(SAFE_METHODS, method_not_allowed)
@searched
def healthcare_service_search(request: HttpRequest) -> HttpResponse:
    services = resources.listed_services()
    if "service-category" in request.GET:
        services = services.filter(category__in=codes(request, "service-category", tuple(Category)))
    if "service-type" in request.GET:
        mask = CARE_TYPES.mask_of(codes(request, "service-type", CARE_TYPES.codes()))
        services = services.annotate(matching_types=F("care_types").bitand(mask)).filter(matching_types__gt=0)
    if "organization" in request.GET:
        organization = directory_id(request.GET["organization"].removeprefix("Organization/"))
        services = services.filter(organization_id=organization) if organization else services.none()
    return page_of(request, resources.services_with_parts(services), resources.healthcare_service)


@allow_only(SAFE_METHODS, method_not_allowed)
def healthcare_service_read(request: HttpRequest, resource_id: str) -> HttpResponse:
    key = directory_id(resource_id)
    service = resources.services_with_parts(resources.listed_services()).filter(pk=key).first() if key else None
    if service is None:
        return not_found("HealthcareService", resource_id)
    return fhir_response(resources.healthcare_service(service))


@allow_only(SAFE_METHODS, method_not_allowed)
@searched
def organization_search(request: HttpRequest) -> HttpResponse:
    organizations = resources.served_organizations()
    name = request.GET.get("name", "")
    if "\x00" in name:
        raise SearchError("name must not hold a NUL character.")
    if name:
        organizations = organizations.filter(name__icontains=name[:300])
    return page_of(request, organizations, resources.organization)


@allow_only(SAFE_METHODS, method_not_allowed)
def organization_read(request: HttpRequest, resource_id: str) -> HttpResponse:
    slug = slug_from_organisation_id(resource_id)
    if slug is not None:
        waypost_organisation = WaypostOrganisation.objects.filter(slug=slug).first()
        if waypost_organisation is None:
            return not_found("Organization", resource_id)
        return fhir_response(resources.waypost_organization(waypost_organisation))
    key = directory_id(resource_id)
    found = resources.served_organizations().filter(pk=key).first() if key else None
    if found is None:
        return not_found("Organization", resource_id)
    return fhir_response(resources.organization(found))


@allow_only(SAFE_METHODS, method_not_allowed)
@searched
def location_search(request: HttpRequest) -> HttpResponse:
    if "near" not in request.GET:
        return page_of(request, resources.served_locations(), resources.location)
    centre, radius_km = near(request.GET["near"])
    count, page = paging(request.GET)
    nearest = locations_near(centre, radius_km)
    shown = nearest[(page - 1) * count : page * count]
    return searchset(
        request, [resources.location(place) for place in shown], total=len(nearest), count=count, page=page
    )


@allow_only(SAFE_METHODS, method_not_allowed)
def location_read(request: HttpRequest, resource_id: str) -> HttpResponse:
    key = directory_id(resource_id)
    found = resources.served_locations().filter(pk=key).first() if key else None
    if found is None:
        return not_found("Location", resource_id)
    return fhir_response(resources.location(found))


def near(text: str) -> tuple[Point, float]:
    """FHIR's `near=LATITUDE|LONGITUDE|DISTANCE|UNITS`: distance and units may be left out (25 km)."""
    parts = text.split("|")
    if not 2 <= len(parts) <= 4:
        raise SearchError("near must be LATITUDE|LONGITUDE|DISTANCE|km, like 53.48|-2.24|10|km.")
    latitude, longitude = number(parts[0], "latitude"), number(parts[1], "longitude")
    if not is_valid_point(latitude, longitude):
        raise SearchError("near: latitude must be -90 to 90 and longitude -180 to 180.")
    distance = number(parts[2], "distance") if len(parts) > 2 and parts[2] else DEFAULT_NEAR_KM
    units = parts[3] if len(parts) > 3 and parts[3] else "km"
    if units not in UNITS_IN_KM:
        raise SearchError("near: the units must be km or [mi_i].")
    radius_km = UNITS_IN_KM[units](distance)
    if not 0 < radius_km <= MAXIMUM_RADIUS_KM:
        raise SearchError(f"near: the distance must be more than 0 and at most {MAXIMUM_RADIUS_KM:g} km.")
    return Point(latitude, longitude), radius_km


def number(text: str, name: str) -> float:
    try:
        value = float(text) if len(text) <= 32 else math.nan
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise SearchError(f"near: the {name} must be a decimal number.")
    return value


def locations_near(centre: Point, radius_km: float) -> list[Location]:
    """Locations of listed services within the radius, nearest first (ties by id)."""
    box = bounding_box(centre, radius_km)
    candidates = resources.served_locations().filter(
        latitude__range=(box.south, box.north), longitude__range=(box.west, box.east)
    )
    distances = [
        (haversine_km(centre, Point(place.latitude, place.longitude)), place.pk, place) for place in candidates
    ]
    return [place for distance, _, place in sorted(distances, key=lambda item: item[:2]) if distance <= radius_km]
