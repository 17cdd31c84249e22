"""The page of results loads the same services, organisations, locations and phones the ORM would."""

from __future__ import annotations

import datetime

import pytest
from django.db import models
from django.forms.models import model_to_dict

from tests.directory.builders import service_record
from waypost.directory.geography import Point
from waypost.directory.hsds.records import LocationRecord, OrganizationRecord, PhoneRecord
from waypost.directory.models import Location, Organization, Service
from waypost.directory.search import SearchRequest, find_services
from waypost.directory.services import save_service_records
from waypost.directory.storage.page_loading import phones_of, sites_of

pytestmark = pytest.mark.django_db

# Fields the database hands back as the Python value itself, on SQLite and on PostgreSQL alike
UNCONVERTED_FIELD_TYPES = {"AutoField", "BigAutoField", "CharField", "TextField", "FloatField"}


@pytest.mark.parametrize("model", [Organization, Location])
def test_models_loaded_alongside_a_service_need_no_value_conversion(model: type[models.Model]) -> None:
    field_types = {field.get_internal_type() for field in model._meta.concrete_fields}

    assert field_types <= UNCONVERTED_FIELD_TYPES, "give page_loading converters for the new field types"


def two_services_at_three_sites() -> list[int]:
    save_service_records(
        records=[
            service_record(
                1,
                organization=OrganizationRecord(source_id="trust", name="North Trust", website="https://north.example"),
                locations=(
                    LocationRecord(source_id="a", name="A", latitude=53.48, longitude=-2.24, city="Manchester"),
                    LocationRecord(source_id="b", name="B", latitude=53.50, longitude=-2.20, postal_code="M1 1AA"),
                ),
                phones=(PhoneRecord(number="0161 496 0001"), PhoneRecord(number="0161 496 0002", description="Text")),
                last_verified_on=datetime.date(2026, 9, 1),
            ),
            service_record(2, phones=()),
        ]
    )
    return list(Service.objects.order_by("pk").values_list("pk", flat=True))


def test_sites_match_what_the_orm_loads() -> None:
    service_ids = two_services_at_three_sites()

    sites = sites_of(service_ids)

    assert len(sites) == 3
    for site in sites:
        stored = Service.objects.select_related("organization").get(pk=site.service.pk)
        assert model_to_dict(site.service) == model_to_dict(stored)
        assert site.service.last_verified_on == stored.last_verified_on
        assert site.service.updated_at == stored.updated_at
        assert model_to_dict(site.service.organization) == model_to_dict(stored.organization)
        assert model_to_dict(site.location) == model_to_dict(Location.objects.get(pk=site.location.pk))


def test_phones_come_in_their_listed_order_and_every_service_has_an_entry() -> None:
    first, second = two_services_at_three_sites()

    phones = phones_of([second, first])

    assert [(phone.number, phone.description) for phone in phones[first]] == [
        ("0161 496 0001", ""),
        ("0161 496 0002", "Text"),
    ]
    assert phones[second] == []
    assert sites_of([]) == []
    assert phones_of([]) == {}


def test_a_hit_carries_its_nearest_location_and_its_phones() -> None:
    two_services_at_three_sites()

    found = find_services(SearchRequest(centre=Point(53.501, -2.20), radius_km=20.0))

    first = next(hit for hit in found.hits if hit.service.name == "Test service 1")
    assert first.location.postal_code == "M1 1AA"
    assert first.service.organization.name == "North Trust"
    assert [phone.number for phone in first.phones] == ["0161 496 0001", "0161 496 0002"]
