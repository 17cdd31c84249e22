"""Find a service in a real browser, with JavaScript on and off, written given/when/then; every page audited."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page
from pytest_django.live_server_helper import LiveServer

from tests.e2e.browser import PageRecorder, assert_page_is_sound
from waypost.directory import demo
from waypost.directory.models import Correction, Service
from waypost.directory.services import MAXIMUM_CORRECTIONS_PER_SERVICE_PER_DAY, submit_correction


class FindAServiceJourney:
    def __init__(self, recorder: PageRecorder, live_server: LiveServer) -> None:
        self.recorder = recorder
        self.page: Page = recorder.page
        self.base_url = live_server.url

    def given_the_demo_directory(self) -> None:
        demo.load()

    def when_i_go_to_find_a_service_from_the_home_page(self) -> None:
        self.recorder.open(self.base_url + "/")
        self.recorder.click_and_wait("Find a service", role="link")
        self.then_the_page_is_sound()

    def when_i_search_near(self, where: str, distance: str) -> None:
        self.page.get_by_label("Postcode, ZIP code, or latitude and longitude").fill(where)
        self.page.get_by_label("Distance").select_option(label=distance)
        self.recorder.click_and_wait("Search")
        self.then_the_page_is_sound()

    def when_i_filter_by(self, care_type: str) -> None:
        self.recorder.click_and_wait("Filter by type of care, payment, age or language", role="link")
        self.then_the_page_is_sound()
        self.page.locator("summary").click()
        self.page.get_by_label(care_type, exact=True).check()
        self.recorder.click_and_wait("Search")
        self.then_the_page_is_sound()

    def when_i_open_the_first_result(self) -> str:
        name = self.page.locator(".finder-result h3 a").first.inner_text()
        self.recorder.click_and_wait(name, role="link")
        self.then_the_page_is_sound()
        return name

    def when_i_report_that(self, problem: str, details: str) -> None:
        self.page.get_by_label(problem, exact=True).check()
        self.page.get_by_label("Tell us what is wrong, and what is right if you know").fill(details)
        self.recorder.click_and_wait("Send report")
        self.then_the_page_is_sound()

    def then_the_page_is_sound(self) -> None:
        assert_page_is_sound(self.recorder, self.page.url)

    def then_i_see_services_nearest_first(self) -> None:
        heading = self.page.locator("#results").inner_text()
        assert heading.endswith("near M1")
        distances = [float(text.split()[0]) for text in self.page.locator(".finder-result h3 + p").all_inner_texts()]
        assert distances, "no results listed"
        assert distances == sorted(distances)

    def then_every_result_offers(self, care_type: str) -> None:
        cares = self.page.locator(".finder-result p", has_text="Care:").all_inner_texts()
        assert cares
        assert all(care_type in care for care in cares)


@pytest.fixture
def journey(recorder: PageRecorder, live_server: LiveServer) -> FindAServiceJourney:
    return FindAServiceJourney(recorder, live_server)


@pytest.mark.django_db(transaction=True)
def test_a_person_finds_a_service_near_them_and_reports_a_mistake(journey: FindAServiceJourney) -> None:
    journey.given_the_demo_directory()

    journey.when_i_go_to_find_a_service_from_the_home_page()
    journey.when_i_search_near("M1", "Within 5 miles")
    journey.then_i_see_services_nearest_first()
    journey.when_i_filter_by("Harm reduction")
    journey.then_every_result_offers("Harm reduction")
    name = journey.when_i_open_the_first_result()
    journey.when_i_report_that("The phone number or website is wrong", "Nobody answers this number.")

    assert journey.page.get_by_role("heading", level=1).inner_text() == "Thank you: your report has been sent"
    correction = Correction.objects.get()
    assert (correction.service.name, correction.details) == (name, "Nobody answers this number.")


@pytest.mark.django_db(transaction=True)
def test_an_unknown_postcode_is_explained_and_focused(journey: FindAServiceJourney) -> None:
    journey.when_i_go_to_find_a_service_from_the_home_page()

    journey.when_i_search_near("ZZ9 9ZZ", "Within 10 miles")

    assert journey.page.title().startswith("Error: ")
    assert journey.page.evaluate("document.activeElement.className") == "error-summary"
    assert "We could not find the postcode ZZ9 9ZZ" in journey.page.locator(".error-summary").inner_text()


@pytest.mark.django_db(transaction=True)
def test_finding_and_reporting_work_with_javascript_off(
    live_server: LiveServer, context_without_javascript: BrowserContext
) -> None:
    demo.load()
    page = context_without_javascript.new_page()
    recorder = PageRecorder(page)
    recorder.open(live_server.url + "/services/")

    page.get_by_label("Postcode, ZIP code, or latitude and longitude").fill("60602")
    recorder.click_and_wait("Search")
    assert page.locator("#results").inner_text().endswith("near ZIP code 60602")
    assert recorder.off_site_requests() == []
    assert recorder.transferred_bytes() <= 30 * 1024
    recorder.click_and_wait("Next page", role="link")
    assert "Page 2 of" in page.locator(".finder-pages").inner_text()
    page.locator(".finder-result h3 a").first.click()
    page.get_by_label("It has closed or moved", exact=True).check()
    page.get_by_label("Tell us what is wrong, and what is right if you know").fill("Closed last month.")
    page.get_by_role("button", name="Send report").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Thank you: your report has been sent"
    assert Correction.objects.get().problem == "closed"
    # The correction form's CSRF cookie is the only one (docs/adr/0013)
    assert [cookie["name"] for cookie in context_without_javascript.cookies()] == ["csrftoken"]


@pytest.mark.django_db(transaction=True)
def test_a_report_past_the_listings_daily_limit_is_refused_on_a_page_that_says_why(
    journey: FindAServiceJourney,
) -> None:
    journey.given_the_demo_directory()
    service = Service.objects.filter(service_at_locations__is_listed=True).order_by("pk").first()
    assert service is not None
    for _ in range(MAXIMUM_CORRECTIONS_PER_SERVICE_PER_DAY):
        submit_correction(service=service, problem="other", details="Reported already")
    journey.recorder.open(f"{journey.base_url}/services/{service.pk}")

    journey.when_i_report_that("The phone number or website is wrong", "Nobody answers this number.")

    assert journey.page.get_by_role("heading", level=1).inner_text() == "Your report was not sent"
    assert "reported many times today" in journey.page.locator("main").inner_text()
    assert Correction.objects.count() == MAXIMUM_CORRECTIONS_PER_SERVICE_PER_DAY
