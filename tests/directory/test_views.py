"""The public pages: search, a service's page and its correction form. Only the correction form sets a cookie
(the CSRF one); the public only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.directory.builders import service_record
from waypost.directory.models import Correction, Service
from waypost.directory.services import MAXIMUM_CORRECTIONS_PER_SERVICE_PER_DAY, save_service_records
from waypost.directory.taxonomy import Accepting, Category

pytestmark = pytest.mark.django_db

MANCHESTER = {"latitude": 53.4794, "longitude": -2.2453}


@pytest.fixture
def listings() -> dict[str, Service]:
    today = timezone.localdate()
    save_service_records(
        records=[
            service_record(
                1,
                **MANCHESTER,
                name="Canal Street Recovery (fictional)",
                care_types=("harm-reduction", "outpatient-counselling"),
                payment_options=("free",),
                accepting=Accepting.YES,
                typical_wait_weeks=2,
                last_verified_on=today - timedelta(days=40),
                verification_source="Telephone check",
                url="https://example.org/canal",
            ),
            service_record(
                2,
                latitude=53.50,
                longitude=-2.25,
                name="Old Mill Counselling (fictional)",
                care_types=("outpatient-counselling",),
                last_verified_on=today - timedelta(days=500),
            ),
            service_record(3, **MANCHESTER, name="Infusion Clinic (fictional)", category=Category.KETAMINE_INFUSION),
        ]
    )
    return {service.name: service for service in Service.objects.all()}


def test_search_page_asks_where_and_sets_no_cookie(member_of_the_public: Client) -> None:
    response = member_of_the_public.get("/services/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<label class="finder-label" for="id_where">Postcode, ZIP code, or latitude and longitude</label>' in html
    assert "nobody pays to be listed" in html
    assert response.cookies == {}


def test_lists_nearby_services_nearest_first_with_what_people_need_to_choose(
    member_of_the_public: Client, listings: dict[str, Service]
) -> None:
    response = member_of_the_public.get("/services/", {"where": "M2", "radius": "10"})

    html = response.content.decode()
    assert response.status_code == 200
    assert response.cookies == {}
    assert "2 services near M2" in html
    assert html.index("Canal Street Recovery") < html.index("Old Mill Counselling")
    assert "Infusion Clinic" not in html
    assert "Run by Test Trust (Not known)" in html
    assert "<b>Accepting new clients. Usual wait about 2 weeks.</b>" in html
    assert "Care: Outpatient counselling, Harm reduction" in html
    assert "Payment: Free or publicly funded (NHS)" in html
    assert 'href="tel:01614960000"' in html
    assert 'href="https://example.org/canal"' in html
    assert "Last checked 5 weeks ago" in html
    assert '<p class="finder-stale">Last checked 16 months ago' in html
    assert "That is over a year ago: call to check before you go." in html


def test_filters_narrow_the_list(member_of_the_public: Client, listings: dict[str, Service]) -> None:
    html = member_of_the_public.get(
        "/services/", {"where": "53.48, -2.245", "radius": "10", "care_type": "harm-reduction", "accepting": "on"}
    ).content.decode()

    assert "1 service near 53.48, -2.245" in html
    assert "Old Mill Counselling" not in html
    assert "Filters: Harm reduction, taking new clients." in html
    assert '<input type="hidden" name="care_type" value="harm-reduction">' in html


def test_change_filters_shows_the_whole_form_filled_in(
    member_of_the_public: Client, listings: dict[str, Service]
) -> None:
    html = member_of_the_public.get(
        "/services/", {"where": "M2", "care_type": "harm-reduction", "change": "1"}
    ).content.decode()

    assert 'value="harm-reduction" checked' in html
    assert 'id="results"' not in html


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("", "Enter a postcode, ZIP code, or latitude and longitude"),
        ("ZZ9 9ZZ", "We could not find the postcode ZZ9 9ZZ. Check it, or enter just the first part, like ZZ9"),
        ("banana", "Enter a UK postcode (like SW1A 1AA or SW1A), a 5-digit US ZIP code (like 10001)"),
    ],
)
def test_explains_a_place_it_cannot_find(member_of_the_public: Client, where: str, message: str) -> None:
    response = member_of_the_public.get("/services/", {"where": where, "radius": "10"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Find a service" in html
    assert 'class="error-summary"' in html
    assert f'<span class="visually-hidden">Error:</span> {message}' in html


def test_rejects_a_made_up_filter_value(member_of_the_public: Client) -> None:
    html = member_of_the_public.get("/services/", {"where": "M2", "care_type": "magic"}).content.decode()

    assert "Select types of care from the list" in html


def test_pages_of_results_link_to_each_other(member_of_the_public: Client) -> None:
    save_service_records(records=[service_record(number, **MANCHESTER) for number in range(1, 24)])

    html = member_of_the_public.get("/services/", {"where": "M2", "page": "2"}).content.decode()

    assert "Page 2 of 3" in html
    assert 'href="?where=M2&amp;page=1" rel="prev"' in html
    assert 'href="?where=M2&amp;page=3" rel="next"' in html


def test_service_page_shows_details_and_a_correction_form_with_only_the_csrf_cookie(
    member_of_the_public: Client, listings: dict[str, Service]
) -> None:
    service = listings["Canal Street Recovery (fictional)"]

    response = member_of_the_public.get(f"/services/{service.pk}")

    html = response.content.decode()
    assert response.status_code == 200
    assert set(response.cookies) == {"csrftoken"}
    assert 'name="csrfmiddlewaretoken"' in html
    assert "<h1>Canal Street Recovery (fictional)</h1>" in html
    assert (
        '<dt class="summary-list__key">Access</dt><dd class="summary-list__value">Not stated: call to ask</dd>' in html
    )
    assert f'action="/services/{service.pk}/correction"' in html
    assert "Leave this empty to stay anonymous" in html


def test_infusion_clinics_have_no_public_page(member_of_the_public: Client, listings: dict[str, Service]) -> None:
    assert member_of_the_public.get(f"/services/{listings['Infusion Clinic (fictional)'].pk}").status_code == 404


def test_a_correction_is_stored_for_the_review_queue(
    member_of_the_public: Client, listings: dict[str, Service]
) -> None:
    service = listings["Old Mill Counselling (fictional)"]

    response = member_of_the_public.post(
        f"/services/{service.pk}/correction",
        {"problem": "contact", "details": "  The number rings out.  ", "contact": "", "homepage": ""},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/services/{service.pk}/correction/sent"
    correction = Correction.objects.get()
    assert (correction.service, correction.problem, correction.details) == (service, "contact", "The number rings out.")
    assert (correction.reporter_contact, correction.status) == (None, "new")
    assert response.cookies == {}


def test_keeps_a_contact_only_when_the_reporter_gives_one(
    member_of_the_public: Client, listings: dict[str, Service]
) -> None:
    service = listings["Old Mill Counselling (fictional)"]

    member_of_the_public.post(
        f"/services/{service.pk}/correction",
        {"problem": "closed", "details": "Shut in May.", "contact": "reporter@example.org"},
    )

    assert Correction.objects.get().reporter_contact == "reporter@example.org"


def test_a_half_filled_correction_shows_what_is_missing(
    member_of_the_public: Client, listings: dict[str, Service]
) -> None:
    service = listings["Old Mill Counselling (fictional)"]

    response = member_of_the_public.post(f"/services/{service.pk}/correction", {"problem": "", "details": ""})

    html = response.content.decode()
    assert '<a href="#id_problem_0">Select what is wrong</a>' in html
    assert '<a href="#id_details">Tell us what is wrong</a>' in html
    assert Correction.objects.count() == 0


def test_a_filled_hidden_field_is_thanked_but_not_stored(
    member_of_the_public: Client, listings: dict[str, Service]
) -> None:
    service = listings["Old Mill Counselling (fictional)"]

    response = member_of_the_public.post(
        f"/services/{service.pk}/correction",
        {"problem": "other", "details": "Buy cheap watches", "homepage": "https://spam.example"},
    )

    assert response.status_code == 302
    assert Correction.objects.count() == 0


def test_stops_storing_reports_for_a_listing_past_the_daily_limit(
    member_of_the_public: Client, listings: dict[str, Service]
) -> None:
    service = listings["Old Mill Counselling (fictional)"]
    report = {"problem": "other", "details": "Wrong"}

    statuses = [
        member_of_the_public.post(
            f"/services/{service.pk}/correction", report, REMOTE_ADDR=f"198.51.100.{number + 1}"
        ).status_code
        for number in range(MAXIMUM_CORRECTIONS_PER_SERVICE_PER_DAY + 3)
    ]

    assert statuses == [302] * MAXIMUM_CORRECTIONS_PER_SERVICE_PER_DAY + [429] * 3
    assert Correction.objects.count() == MAXIMUM_CORRECTIONS_PER_SERVICE_PER_DAY


def test_the_thank_you_page_links_back(member_of_the_public: Client, listings: dict[str, Service]) -> None:
    service = listings["Old Mill Counselling (fictional)"]

    html = member_of_the_public.get(f"/services/{service.pk}/correction/sent").content.decode()

    assert f'href="/services/{service.pk}"' in html
