"""The public directory as FHIR R4: HealthcareService, Organization and Location (ADR 0026).

Only listed services (directory.rules.is_listed: active addiction services, never ketamine infusion clinics)
and the organisations and locations behind them are served, as in the directory's own search.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from waypost.accounts.models import Organisation as WaypostOrganisation
from waypost.directory.models import Location, Organization, Schedule, Service
from waypost.directory.taxonomy import CARE_TYPES, CATEGORY_LABELS, Category, Status
from waypost.fhir.identifiers import (
    CARE_TYPE_SYSTEM,
    CATEGORY_SYSTEM,
    ORGANISATION_IDENTIFIER_SYSTEM,
    organisation_id,
)

DAYS = {"MO": "mon", "TU": "tue", "WE": "wed", "TH": "thu", "FR": "fri", "SA": "sat", "SU": "sun"}


def listed_services() -> QuerySet[Service]:
    return Service.objects.filter(category=Category.ADDICTION, status=Status.ACTIVE).order_by("pk")


def served_organizations() -> QuerySet[Organization]:
    return Organization.objects.filter(services__in=listed_services()).distinct().order_by("pk")


def served_locations() -> QuerySet[Location]:
    return Location.objects.filter(service_at_locations__service__in=listed_services()).distinct().order_by("pk")


def services_with_parts(services: QuerySet[Service]) -> QuerySet[Service]:
    return services.select_related("organization").prefetch_related("phones", "schedules", "service_at_locations")


def healthcare_service(service: Service) -> dict[str, Any]:
    category = Category(service.category)
    resource: dict[str, Any] = {
        "resourceType": "HealthcareService",
        "id": str(service.pk),
        "active": service.status == Status.ACTIVE,
        "providedBy": {"reference": f"Organization/{service.organization_id}", "display": service.organization.name},
        "category": [concept(CATEGORY_SYSTEM, category.value, CATEGORY_LABELS[category])],
        "name": service.name,
        "location": [
            {"reference": f"Location/{site.location_id}"}
            for site in sorted(service.service_at_locations.all(), key=lambda site: site.position)
        ],
    }
    care_types = [
        concept(CARE_TYPE_SYSTEM, code, CARE_TYPES.label_of(code)) for code in CARE_TYPES.codes_in(service.care_types)
    ]
    if care_types:
        resource["type"] = care_types
    if service.description:
        resource["comment"] = service.description
    telecom = [{"system": "phone", "value": phone.number} for phone in service.phones.all()]
    telecom += [{"system": "email", "value": service.email}] if service.email else []
    telecom += [{"system": "url", "value": service.url}] if service.url else []
    if telecom:
        resource["telecom"] = telecom
    hours = [available_time(schedule) for schedule in service.schedules.all()]
    if any(hours):
        resource["availableTime"] = [time for time in hours if time]
    languages = [code for code in service.language_codes.split(",") if code.strip()]
    if languages:
        resource["communication"] = [concept("urn:ietf:bcp:47", code.strip(), code.strip()) for code in languages]
    return resource


def available_time(schedule: Schedule) -> dict[str, Any]:
    """Opening hours; iCalendar BYDAY codes (MO, TU …) become FHIR days (mon, tue …)."""
    days = [DAYS[code.strip()] for code in schedule.weekdays.split(",") if code.strip() in DAYS]
    time: dict[str, Any] = {"daysOfWeek": days} if days else {}
    if schedule.opens_at is not None and schedule.closes_at is not None:
        time["availableStartTime"] = schedule.opens_at.strftime("%H:%M:%S")
        time["availableEndTime"] = schedule.closes_at.strftime("%H:%M:%S")
    return time


def organization(directory_organization: Organization) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Organization",
        "id": str(directory_organization.pk),
        "active": True,
        "name": directory_organization.name,
    }
    telecom = [{"system": "email", "value": directory_organization.email}] if directory_organization.email else []
    telecom += [{"system": "url", "value": directory_organization.website}] if directory_organization.website else []
    if telecom:
        resource["telecom"] = telecom
    return resource


def waypost_organization(organisation: WaypostOrganisation) -> dict[str, Any]:
    """A Waypost organisation that sends or receives referrals: only its name and slug, nothing personal."""
    return {
        "resourceType": "Organization",
        "id": organisation_id(organisation),
        "identifier": [{"system": ORGANISATION_IDENTIFIER_SYSTEM, "value": organisation.slug}],
        "active": True,
        "name": organisation.name,
    }


def location(place: Location) -> dict[str, Any]:
    address: dict[str, Any] = {"use": "work", "type": "physical"}
    lines = [line for line in (place.address_1, place.address_2) if line]
    if lines:
        address["line"] = lines
    for key, value in (
        ("city", place.city),
        ("state", place.region),
        ("postalCode", place.postal_code),
        ("country", place.country),
    ):
        if value:
            address[key] = value
    return {
        "resourceType": "Location",
        "id": str(place.pk),
        "status": "active",
        "name": place.name,
        "mode": "instance",
        "address": address,
        "position": {"latitude": place.latitude, "longitude": place.longitude},
    }


def concept(system: str, code: str, display: str) -> dict[str, Any]:
    return {"coding": [{"system": system, "code": code, "display": display}], "text": display}
