from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.directory.builders import service_record
from waypost.directory.services import save_service_records
from waypost.directory.storage.rows import stable_uuid
from waypost.directory.taxonomy import CARE_TYPES, Accepting, Category

pytestmark = pytest.mark.django_db

UNKNOWN_CARE_TYPE = "Unknown code magic; use one of: " + ", ".join(CARE_TYPES.codes())


@pytest.fixture
def directory() -> None:
    save_service_records(
        records=[
            service_record(
                1, latitude=53.4800, longitude=-2.2400, care_types=("harm-reduction",), accepting=Accepting.YES
            ),
            service_record(2, latitude=53.5200, longitude=-2.2400, care_types=("aftercare", "telehealth")),
            service_record(3, latitude=53.4801, longitude=-2.2400, category=Category.KETAMINE_INFUSION),
        ]
    )


def test_returns_listed_services_nearest_first_as_json(member_of_the_public: Client, directory: None) -> None:
    response = member_of_the_public.get("/api/services", {"lat": "53.48", "lon": "-2.24", "radius_km": "10"})

    body = response.json()
    assert response.status_code == 200
    assert response.cookies == {}
    assert (body["total"], body["page"], body["page_count"], body["page_size"]) == (2, 1, 1, 10)
    assert [result["name"] for result in body["results"]] == ["Test service 1", "Test service 2"]
    first = body["results"][0]
    assert first["id"] == stable_uuid("service", "test", "service-1")
    assert first["distance_km"] == 0.0
    assert first["care_types"] == ["harm-reduction"]
    assert first["accepting_new_clients"] == "yes"
    assert first["phones"] == [{"number": "0161 496 0000", "description": ""}]
    assert first["url"].startswith("http://testserver/services/")


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ({"care_type": "aftercare,harm-reduction"}, ["Test service 1", "Test service 2"]),
        ({"care_type": ["aftercare"], "telehealth": "true"}, ["Test service 2"]),
        ({"accepting": "true"}, ["Test service 1"]),
        ({"radius_km": "1"}, ["Test service 1"]),
        ({"page_size": "1", "page": "2"}, ["Test service 2"]),
    ],
)
def test_applies_filters(
    member_of_the_public: Client, directory: None, query: dict[str, Any], names: list[str]
) -> None:
    response = member_of_the_public.get("/api/services", {"lat": "53.48", "lon": "-2.24", **query})

    assert [result["name"] for result in response.json()["results"]] == names


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ({}, {"lat": "Give a latitude", "lon": "Give a longitude"}),
        ({"lat": "north", "lon": "-2"}, {"lat": "Enter a number."}),
        ({"lat": "91", "lon": "-2"}, {"lat": "Ensure this value is less than or equal to 90."}),
        (
            {"lat": "53", "lon": "-2", "radius_km": "5000"},
            {"radius_km": "Ensure this value is less than or equal to 200.0."},
        ),
        (
            {"lat": "53", "lon": "-2", "care_type": "magic"},
            {"care_type": UNKNOWN_CARE_TYPE},
        ),
        ({"lat": "53", "lon": "-2", "accepting": "yes"}, {"accepting": "Use true or false"}),
        ({"lat": "53", "lon": "-2", "colour": "red"}, {"colour": "Unknown parameter"}),
    ],
)
def test_answers_bad_input_with_400_and_a_message_per_field(
    member_of_the_public: Client, query: dict[str, str], errors: dict[str, str]
) -> None:
    response = member_of_the_public.get("/api/services", query)

    assert response.status_code == 400
    assert response.json() == {"errors": errors}


def test_the_openapi_document_describes_every_parameter_and_result_field(
    member_of_the_public: Client, directory: None
) -> None:
    document = member_of_the_public.get("/api/openapi.json").json()
    body = member_of_the_public.get("/api/services", {"lat": "53.48", "lon": "-2.24", "radius_km": "10"}).json()

    operation = document["paths"]["/api/services"]["get"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
    schemas = document["components"]["schemas"]
    assert set(parameters) == {"lat", "lon", "radius_km", "care_type", "payment", "age_group", "language"} | {
        "accepting",
        "telehealth",
        "page",
        "page_size",
    }
    assert parameters["lat"]["required"] is True
    assert parameters["care_type"]["schema"]["items"]["enum"] == list(CARE_TYPES.codes())
    assert set(operation["responses"]) == {"200", "400"}
    assert set(schemas["ServicePage"]["properties"]) == set(body)
    assert set(schemas["ServiceResult"]["properties"]) == set(body["results"][0])
