"""Search against a brute-force haversine over the same random data: the same services, in the same order."""

from __future__ import annotations

import random

import pytest

from tests.directory.builders import service_record
from waypost.directory.geography import Point, haversine_km
from waypost.directory.hsds.records import LocationRecord, ServiceRecord
from waypost.directory.rules import Facets, Filters, is_accepting, is_listed, matches
from waypost.directory.search import SearchRequest, find_services, ranking
from waypost.directory.services import save_service_records
from waypost.directory.taxonomy import AGE_GROUPS, CARE_TYPES, LANGUAGES, PAYMENT_OPTIONS, Accepting, Category, Status

pytestmark = pytest.mark.django_db

CENTRE = Point(53.48, -2.24)


def random_service(generator: random.Random, number: int) -> ServiceRecord:
    locations = tuple(
        LocationRecord(
            source_id=f"location-{number}-{position}",
            name="Site",
            latitude=CENTRE.latitude + generator.uniform(-0.6, 0.6),
            longitude=CENTRE.longitude + generator.uniform(-0.9, 0.9),
        )
        for position in range(generator.choice((1, 1, 1, 2)))
    )
    return service_record(
        number,
        locations=locations,
        category=generator.choices(list(Category), weights=(8, 1, 1))[0],
        status=generator.choices(list(Status), weights=(9, 1, 1, 1))[0],
        care_types=tuple(sorted(generator.sample(CARE_TYPES.codes(), generator.randint(0, 4)))),
        payment_options=tuple(sorted(generator.sample(PAYMENT_OPTIONS.codes(), generator.randint(0, 3)))),
        age_groups=tuple(sorted(generator.sample(AGE_GROUPS.codes(), generator.randint(0, 3)))),
        languages=tuple(sorted(generator.sample(LANGUAGES.codes()[:5], generator.randint(1, 2)))),
        accepting=generator.choice(list(Accepting)),
    )


def random_filters(generator: random.Random) -> Filters:
    def maybe_mask(codes: tuple[str, ...]) -> int:
        return 0 if generator.random() < 0.5 else sum(1 << index for index in generator.sample(range(len(codes)), 2))

    return Filters(
        care_types=maybe_mask(CARE_TYPES.codes()),
        payment_options=maybe_mask(PAYMENT_OPTIONS.codes()),
        age_groups=maybe_mask(AGE_GROUPS.codes()),
        languages=maybe_mask(LANGUAGES.codes()[:5]),
        accepting_only=generator.random() < 0.2,
        telehealth_only=generator.random() < 0.2,
    )


def brute_force(records: list[ServiceRecord], ids: dict[str, int], request: SearchRequest) -> list[int]:
    found = []
    for record in records:
        facets = Facets(
            CARE_TYPES.mask_of(record.care_types),
            PAYMENT_OPTIONS.mask_of(record.payment_options),
            AGE_GROUPS.mask_of(record.age_groups),
            LANGUAGES.mask_of(record.languages),
            is_accepting(record.accepting),
        )
        if not is_listed(record.category, record.status) or not matches(facets, request.filters):
            continue
        nearest = min(
            haversine_km(request.centre, Point(place.latitude, place.longitude)) for place in record.locations
        )
        if nearest <= request.radius_km:
            found.append((nearest, ids[record.source_id]))
    return [service_id for _, service_id in sorted(found)]


@pytest.fixture
def random_directory() -> tuple[list[ServiceRecord], dict[str, int]]:
    from waypost.directory.models import Service

    generator = random.Random(20260101)  # noqa: S311 - repeatable test data
    records = [random_service(generator, number) for number in range(400)]
    save_service_records(records=records)
    return records, dict(Service.objects.values_list("source_id", "id"))


@pytest.mark.parametrize("seed", range(12))
def test_finds_the_same_services_in_the_same_order_as_brute_force(
    random_directory: tuple[list[ServiceRecord], dict[str, int]], seed: int
) -> None:
    records, ids = random_directory
    generator = random.Random(seed)  # noqa: S311 - repeatable test data
    centre = Point(CENTRE.latitude + generator.uniform(-0.3, 0.3), CENTRE.longitude + generator.uniform(-0.4, 0.4))
    request = SearchRequest(
        centre=centre, radius_km=generator.choice((2.0, 10.0, 25.0, 60.0)), filters=random_filters(generator)
    )

    indexed = ranking(request)

    assert indexed.service_ids == brute_force(records, ids, request)
    assert indexed.total == len(indexed.service_ids)
    assert ranking(request, use_box=False) == indexed


def test_pages_through_results_nearest_first(random_directory: tuple[list[ServiceRecord], dict[str, int]]) -> None:
    records, ids = random_directory
    request = SearchRequest(centre=CENTRE, radius_km=30.0, page_size=7)
    expected = brute_force(records, ids, request)

    pages = [find_services(SearchRequest(centre=CENTRE, radius_km=30.0, page=page, page_size=7)) for page in (1, 2, 3)]

    assert pages[0].total == len(expected)
    assert pages[0].page_count == -(-len(expected) // 7)
    assert [hit.service.pk for page in pages for hit in page.hits] == expected[:21]
    distances = [hit.distance_km for page in pages for hit in page.hits]
    assert distances == sorted(distances)


def test_a_page_past_the_end_shows_the_last_page(random_directory: tuple[list[ServiceRecord], dict[str, int]]) -> None:
    records, ids = random_directory
    expected = brute_force(records, ids, SearchRequest(centre=CENTRE, radius_km=30.0))

    last = find_services(SearchRequest(centre=CENTRE, radius_km=30.0, page=999, page_size=7))

    assert last.page == last.page_count == -(-len(expected) // 7) > 1
    assert [hit.service.pk for hit in last.hits] == expected[(last.page - 1) * 7 :]


def test_never_lists_a_ketamine_infusion_clinic_however_close() -> None:
    save_service_records(
        records=[
            service_record(1, latitude=53.48, longitude=-2.24, category=Category.KETAMINE_INFUSION),
            service_record(2, latitude=53.49, longitude=-2.24),
        ]
    )

    found = find_services(SearchRequest(centre=Point(53.48, -2.24), radius_km=50.0))

    assert [hit.service.name for hit in found.hits] == ["Test service 2"]


def test_lists_a_service_with_two_sites_once_at_its_nearest() -> None:
    near, far = (
        LocationRecord(source_id="near", name="Near", latitude=53.481, longitude=-2.24),
        LocationRecord(source_id="far", name="Far", latitude=53.6, longitude=-2.24),
    )
    save_service_records(records=[service_record(1, locations=(far, near))])

    found = find_services(SearchRequest(centre=Point(53.48, -2.24), radius_km=50.0))

    assert found.total == 1
    assert found.hits[0].distance_km == pytest.approx(0.111, abs=0.001)


def test_counts_and_pages_beyond_the_first_hundred_results() -> None:
    save_service_records(records=[service_record(number, latitude=53.48 + number / 10_000) for number in range(130)])
    centre = Point(53.48, -2.24)

    last = find_services(SearchRequest(centre=centre, radius_km=10.0, page=13, page_size=10))

    assert (last.total, last.page_count) == (130, 13)
    assert [hit.service.name for hit in last.hits] == [f"Test service {number}" for number in range(120, 130)]
