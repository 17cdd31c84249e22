"""A search result written in Python is byte for byte what directory/_result.html makes, for every demo listing."""

from __future__ import annotations

import dataclasses

import pytest
from django.template.loader import render_to_string
from django.test import Client

from waypost.directory import demo
from waypost.directory.presenters import Freshness, Listing, PhoneLine, listing
from waypost.directory.result_markup import result_item

SEARCHES = ("M1 1AE", "60602")


def listings_near(where: str, client: Client) -> list[Listing]:
    """Every page of results near `where`, 50 miles out: each result on the page, kept or not, is what the template
    makes of the listing's details worded afresh."""
    found: list[Listing] = []
    page = 1
    while True:
        response = client.get("/services/", {"where": where, "radius": "50", "page": str(page)})
        assert response.status_code == 200
        if not response.context or not response.context["results"]:
            return found
        html = response.content.decode()
        hits = response.context["outcome"].hits
        for hit, shown in zip(hits, response.context["results"], strict=True):
            item = listing(hit.service, hit.location, hit.phones, hit.distance_km)
            before = render_to_string("directory/_result.html", {"item": item})
            assert str(result_item(item)) == before, item.name
            assert str(shown) == before, item.name
            assert before in html, item.name
            found.append(item)
        if page >= response.context["outcome"].page_count:
            return found
        page += 1


@pytest.mark.django_db
def test_every_demo_listing_matches_the_template(member_of_the_public: Client) -> None:
    demo.load()

    seen = sum(len(listings_near(where, member_of_the_public)) for where in SEARCHES)

    assert seen >= 300


AWKWARD = Listing(
    name='Sam\'s "Place" <b>',
    url="/services/7",
    organisation="A & B",
    ownership="Charity",
    distance="1.2 miles away",
    address="",
    care_types=(),
    payment=("Free", "<NHS>"),
    ages="Not stated",
    languages="Not stated",
    gender="Any",
    availability="Taking new clients",
    is_accepting=True,
    phones=(PhoneLine(number="0161 <1>", label="x", href="tel:0161"),),
    website="https://example.org/?a=1&b=2",
    freshness=Freshness("Checked <today>", is_stale=True),
)


@pytest.mark.parametrize(
    "item",
    [
        AWKWARD,
        dataclasses.replace(AWKWARD, care_types=("Detox", "Rehab & more"), address="1 Road", is_accepting=False),
        dataclasses.replace(AWKWARD, payment=(), phones=(), website="", freshness=Freshness("Ok", is_stale=False)),
    ],
)
def test_markup_in_names_and_labels_is_escaped_as_the_template_does(item: Listing) -> None:
    assert str(result_item(item)) == render_to_string("directory/_result.html", {"item": item})
