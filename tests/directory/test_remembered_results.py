"""Search results kept by their listing's details: what is served is what a fresh wording shows (docs/adr/0056)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import Client, override_settings

from waypost.core.remembered_pages import rendering_afresh
from waypost.directory import demo, remembered_results
from waypost.directory.models import Phone, Service
from waypost.directory.taxonomy import Accepting

SEARCHES = [{"where": "M1 1AE", "radius": "50"}, {"where": "60602", "radius": "50"}, {"where": "LS1 4AP"}]
PREFIXES = ["/uk", "/us", "/uk/es", "/us/es"]
REGIONS = override_settings(WAYPOST_REGION="uk", WAYPOST_REGIONS=["uk", "us"], WAYPOST_LANGUAGES=["en", "es"])


def search_page(path: str, query: dict[str, str]) -> str:
    response = Client().get(path, query)
    assert response.status_code == 200
    return response.content.decode()


def fresh_search_page(path: str, query: dict[str, str]) -> str:
    with rendering_afresh():
        return search_page(path, query)


@pytest.fixture(autouse=True)
def empty_memory() -> None:
    remembered_results.remembered_results.clear()


@REGIONS
@pytest.mark.django_db
def test_a_search_served_from_kept_results_equals_a_fresh_one_in_each_region_and_language() -> None:
    demo.load()
    # One memory for every prefix, so a listing kept in one language or region must not be shown in another
    for prefix in PREFIXES:
        for query in SEARCHES:
            search_page(f"{prefix}/services/", query)
            kept = search_page(f"{prefix}/services/", query)

            assert kept == fresh_search_page(f"{prefix}/services/", query), (prefix, query)
    assert remembered_results.remembered_results, "the searches should have kept their listings"


@pytest.mark.django_db
def test_the_same_listing_found_from_two_places_shows_each_its_own_distance() -> None:
    demo.load()
    near_the_centre = search_page("/services/", {"where": "M1 1AE", "radius": "50"})
    further_out = search_page("/services/", {"where": "WA1 1AA", "radius": "50"})

    for page, query in ((near_the_centre, "M1 1AE"), (further_out, "WA1 1AA")):
        assert page == fresh_search_page("/services/", {"where": query, "radius": "50"})
    assert "miles away" in near_the_centre


@pytest.mark.django_db
def test_a_changed_phone_number_shows_at_the_next_search() -> None:
    demo.load()
    query = {"where": "M1 1AE", "radius": "50"}
    hits = Client().get("/services/", query).context["outcome"].hits
    phone = next(phone for hit in hits for phone in hit.phones)
    assert phone.number in search_page("/services/", query)

    Phone.objects.filter(pk=phone.pk).update(number="0161 496 0999")

    page = search_page("/services/", query)
    assert "0161 496 0999" in page
    assert page == fresh_search_page("/services/", query)


@pytest.mark.django_db
def test_a_service_that_stops_taking_new_clients_says_so_at_the_next_search() -> None:
    demo.load()
    query = {"where": "M1 1AE", "radius": "50"}
    first = Client().get("/services/", query).context
    service = first["outcome"].hits[0].service
    Service.objects.filter(pk=service.pk).update(accepting=Accepting.YES)
    assert "Not accepting new clients" not in str(Client().get("/services/", query).context["results"][0])

    Service.objects.filter(pk=service.pk).update(accepting=Accepting.NO)

    now = Client().get("/services/", query)
    assert "Not accepting new clients" in str(now.context["results"][0])
    assert now.content.decode() == fresh_search_page("/services/", query)


@pytest.mark.django_db
def test_the_next_day_a_listing_says_how_long_ago_it_was_checked_from_that_day() -> None:
    demo.load()
    query = {"where": "M1 1AE", "radius": "50"}
    with time_machine.travel(datetime.datetime(2026, 12, 1, 12, tzinfo=datetime.UTC), tick=False):
        search_page("/services/", query)
    with time_machine.travel(datetime.datetime(2027, 1, 20, 12, tzinfo=datetime.UTC), tick=False):
        later = search_page("/services/", query)
        assert later == fresh_search_page("/services/", query)


@pytest.mark.django_db
def test_nothing_the_person_typed_is_kept() -> None:
    demo.load()
    search_page("/services/", {"where": "M1 1AE", "radius": "50"})

    kept = repr(remembered_results.remembered_results)
    assert "M1 1AE" not in kept
    assert "miles away" not in kept, "distances follow from where the person is"


@pytest.mark.django_db
def test_the_memory_stays_within_its_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    demo.load()
    monkeypatch.setattr(remembered_results, "MOST_RESULTS", 5)
    for query in SEARCHES:
        search_page("/services/", query)
        assert len(remembered_results.remembered_results) <= 5
