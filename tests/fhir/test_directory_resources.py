"""The directory as FHIR R4 over HTTP: HealthcareService, Organization and Location, read and search, public."""

from __future__ import annotations

from datetime import time
from typing import Any

import pytest
from django.test import Client
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.healthcareservice import HealthcareService
from fhir.resources.R4B.location import Location as FhirLocation
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.organization import Organization as FhirOrganization

from tests.directory.builders import service_record
from waypost.accounts.models import Organisation
from waypost.directory.hsds.records import OrganizationRecord, ScheduleRecord
from waypost.directory.models import Location, Organization, Service
from waypost.directory.services import save_service_records
from waypost.directory.taxonomy import Category
from waypost.fhir.identifiers import CARE_TYPE_SYSTEM, CATEGORY_SYSTEM

MANCHESTER = (53.48, -2.24)
SALFORD = (53.49, -2.29)  # about 3.5 km west of the centre
LIVERPOOL = (53.41, -2.98)  # about 50 km west


@pytest.fixture
def directory(db: None) -> None:
    save_service_records(
        records=[
            service_record(
                1,
                latitude=MANCHESTER[0],
                longitude=MANCHESTER[1],
                care_types=("outpatient-counselling", "telehealth"),
                url="https://one.example",
                schedules=(
                    ScheduleRecord(weekdays="MO,TU,FR", opens_at=time(9, 0), closes_at=time(17, 30)),
                    ScheduleRecord(weekdays="SA"),
                    ScheduleRecord(description="Ring first"),
                ),
            ),
            service_record(2, latitude=LIVERPOOL[0], longitude=LIVERPOOL[1], care_types=("residential-short",)),
            service_record(3, latitude=SALFORD[0], longitude=SALFORD[1], care_types=("peer-support",)),
            service_record(
                4,
                latitude=MANCHESTER[0],
                longitude=MANCHESTER[1],
                category=Category.KETAMINE_INFUSION,
                organization=OrganizationRecord(source_id="clinic", name="Infusion Clinic Ltd"),
            ),
        ]
    )


def service_id(number: int) -> str:
    return str(Service.objects.get(source_id=f"service-{number}").pk)


def location_id(number: int) -> str:
    return str(Location.objects.get(source_id=f"location-{number}").pk)


def bundle_of(response: Any) -> dict[str, Any]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/fhir+json; charset=utf-8"
    bundle: dict[str, Any] = response.json()
    Bundle.model_validate(bundle)
    assert bundle["type"] == "searchset"
    return bundle


def ids_in(bundle: dict[str, Any]) -> list[str]:
    return [entry["resource"]["id"] for entry in bundle.get("entry", [])]


def outcome_of(response: Any, status: int) -> str:
    assert response.status_code == status, response.content
    outcome: dict[str, Any] = response.json()
    OperationOutcome.model_validate(outcome)
    return str(outcome["issue"][0]["diagnostics"])


@pytest.mark.usefixtures("directory")
def test_lists_listed_services_as_valid_healthcare_services_without_infusion_clinics(
    member_of_the_public: Client,
) -> None:
    bundle = bundle_of(member_of_the_public.get("/fhir/HealthcareService"))

    assert ids_in(bundle) == [service_id(1), service_id(2), service_id(3)]
    assert bundle["total"] == 3
    first = bundle["entry"][0]
    HealthcareService.model_validate(first["resource"])
    assert first["fullUrl"] == f"http://testserver/fhir/HealthcareService/{service_id(1)}"
    assert first["resource"]["category"][0]["coding"][0] == {
        "system": CATEGORY_SYSTEM,
        "code": "addiction",
        "display": "Help with drug or alcohol use",
    }
    assert [coding["coding"][0]["code"] for coding in first["resource"]["type"]] == [
        "outpatient-counselling",
        "telehealth",
    ]
    assert first["resource"]["type"][0]["coding"][0]["system"] == CARE_TYPE_SYSTEM
    assert first["resource"]["location"] == [{"reference": f"Location/{location_id(1)}"}]
    assert first["resource"]["telecom"] == [
        {"system": "phone", "value": "0161 496 0000"},
        {"system": "url", "value": "https://one.example"},
    ]
    assert first["resource"]["availableTime"] == [
        {"daysOfWeek": ["mon", "tue", "fri"], "availableStartTime": "09:00:00", "availableEndTime": "17:30:00"},
        {"daysOfWeek": ["sat"]},
    ]
    organization = Organization.objects.get(source_id="organisation-1")
    assert first["resource"]["providedBy"] == {"reference": f"Organization/{organization.pk}", "display": "Test Trust"}


@pytest.mark.usefixtures("directory")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("service-category=addiction", [1, 2, 3]),
        (f"service-category={CATEGORY_SYSTEM}|addiction", [1, 2, 3]),
        ("service-category=mental-health", []),
        ("service-category=ketamine-infusion", []),
        ("service-type=peer-support", [3]),
        ("service-type=telehealth,residential-short", [1, 2]),
    ],
)
def test_filters_healthcare_services_by_category_and_type(
    member_of_the_public: Client, query: str, expected: list[int]
) -> None:
    bundle = bundle_of(member_of_the_public.get(f"/fhir/HealthcareService?{query}"))

    assert ids_in(bundle) == [service_id(number) for number in expected]
    assert bundle["total"] == len(expected)


@pytest.mark.usefixtures("directory")
@pytest.mark.parametrize(
    "query",
    ["service-category=boats", "service-type=massage", "_count=0", "_count=101", "page=x", "_count=" + "9" * 40],
)
def test_refuses_an_unusable_search_parameter_with_a_400_outcome(member_of_the_public: Client, query: str) -> None:
    response = member_of_the_public.get(f"/fhir/HealthcareService?{query}")

    assert outcome_of(response, 400).split(" ")[0].rstrip(":") in {"service-category", "service-type", "_count", "page"}


@pytest.mark.usefixtures("directory")
def test_pages_a_search_with_a_next_link_that_keeps_the_parameters(member_of_the_public: Client) -> None:
    first = bundle_of(member_of_the_public.get("/fhir/HealthcareService?service-category=addiction&_count=2"))
    second = bundle_of(member_of_the_public.get("/fhir/HealthcareService?service-category=addiction&_count=2&page=2"))

    assert ids_in(first) == [service_id(1), service_id(2)]
    assert first["total"] == 3
    assert first["link"][1] == {
        "relation": "next",
        "url": "http://testserver/fhir/HealthcareService?service-category=addiction&_count=2&page=2",
    }
    assert ids_in(second) == [service_id(3)]
    assert [link["relation"] for link in second["link"]] == ["self"]


@pytest.mark.usefixtures("directory")
def test_reads_one_healthcare_service_and_hides_unlisted_or_unknown_ones(member_of_the_public: Client) -> None:
    response = member_of_the_public.get(f"/fhir/HealthcareService/{service_id(2)}")

    assert response.status_code == 200
    HealthcareService.model_validate(response.json())
    assert response.json()["name"] == "Test service 2"
    for missing in (service_id(4), "999999", "abc", "1e3", "-1"):
        assert "There is no HealthcareService" in outcome_of(
            member_of_the_public.get(f"/fhir/HealthcareService/{missing}"), 404
        )


@pytest.mark.usefixtures("directory")
def test_searches_and_reads_directory_organizations_without_infusion_clinics(member_of_the_public: Client) -> None:
    trust = Organization.objects.get(source_id="organisation-1")
    clinic = Organization.objects.get(source_id="clinic")

    bundle = bundle_of(member_of_the_public.get("/fhir/Organization"))
    named = bundle_of(member_of_the_public.get("/fhir/Organization?name=trust"))
    read = member_of_the_public.get(f"/fhir/Organization/{trust.pk}")

    assert ids_in(bundle) == [str(trust.pk)]
    assert ids_in(named) == [str(trust.pk)]
    FhirOrganization.model_validate(read.json())
    assert read.json() == {"resourceType": "Organization", "id": str(trust.pk), "active": True, "name": "Test Trust"}
    outcome_of(member_of_the_public.get(f"/fhir/Organization/{clinic.pk}"), 404)


def test_reads_a_waypost_organisation_by_its_prefixed_slug(
    member_of_the_public: Client, organisation_b: Organisation
) -> None:
    Organisation.objects.create(name="Under Score", slug="under_score", kind=organisation_b.kind)

    response = member_of_the_public.get("/fhir/Organization/org-organisation-b")
    underscored = member_of_the_public.get("/fhir/Organization/org-under.score")

    FhirOrganization.model_validate(response.json())
    assert response.json()["id"] == "org-organisation-b"
    assert response.json()["name"] == "Organisation B"
    assert underscored.json()["identifier"][0]["value"] == "under_score"
    outcome_of(member_of_the_public.get("/fhir/Organization/org-nobody"), 404)


@pytest.mark.usefixtures("directory")
def test_finds_locations_near_a_point_nearest_first_within_the_distance(member_of_the_public: Client) -> None:
    near = bundle_of(member_of_the_public.get("/fhir/Location?near=53.48|-2.24|10|km"))
    farther = bundle_of(member_of_the_public.get("/fhir/Location?near=53.41|-2.98|60|km"))
    in_miles = bundle_of(member_of_the_public.get("/fhir/Location?near=53.48|-2.24|3|[mi_i]"))

    assert ids_in(near) == [location_id(1), location_id(3)]
    assert ids_in(farther) == [location_id(2), location_id(3), location_id(1)]
    assert ids_in(in_miles) == [location_id(1), location_id(3)]
    resource = near["entry"][0]["resource"]
    FhirLocation.model_validate(resource)
    assert resource["position"] == {"latitude": 53.48, "longitude": -2.24}
    assert resource["name"] == "Site 1"


@pytest.mark.usefixtures("directory")
@pytest.mark.parametrize(
    "near", ["53.48", "north|south|1|km", "91|0|1|km", "53.48|-2.24|0|km", "53.48|-2.24|501|km", "53.48|-2.24|1|ft"]
)
def test_refuses_a_malformed_near_with_a_400_outcome(member_of_the_public: Client, near: str) -> None:
    assert outcome_of(member_of_the_public.get("/fhir/Location", {"near": near}), 400).startswith("near")


@pytest.mark.usefixtures("directory")
def test_reads_a_location_of_a_listed_service_only(member_of_the_public: Client) -> None:
    FhirLocation.model_validate(member_of_the_public.get(f"/fhir/Location/{location_id(3)}").json())
    outcome_of(member_of_the_public.get(f"/fhir/Location/{location_id(4)}"), 404)


def test_directory_endpoints_refuse_writes_with_a_405_outcome(member_of_the_public: Client) -> None:
    response = member_of_the_public.post("/fhir/HealthcareService", data="{}", content_type="application/fhir+json")

    assert outcome_of(response, 405) == "POST is not allowed here; use GET or HEAD."
    assert response["Allow"] == "GET, HEAD"
