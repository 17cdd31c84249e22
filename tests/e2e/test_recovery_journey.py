"""Recovery support in a real browser: sign in with the code from the outbox, every page audited with axe (also at
320 px), a check-in that raises a red flag, trends, help now; then the same sign-in and check-in with JavaScript off."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from tests.e2e.browser import PageRecorder, assert_page_is_sound
from tests.recovery.conftest import PHONE, enrol, latest_code
from waypost.accounts.models import Membership, Organisation, Role, User
from waypost.recovery.models import CheckIn, OutreachTask

PAGES = (
    "/recovery/",
    "/recovery/plan",
    "/recovery/plan/change",
    "/recovery/check-in",
    "/recovery/trends",
    "/recovery/trends?weeks=12",
    "/recovery/sharing",
    "/recovery/reminders",
    "/recovery/recovery-phrase",
    "/recovery/your-data",
    "/recovery/your-data/delete",
)


def enrolled_person() -> None:
    organisation = Organisation.objects.create(name="Team", slug="team")
    worker = User.objects.create(username="worker")
    Membership.objects.create(user=worker, organisation=organisation, role=Role.ADMISSIONS)
    enrol(organisation, worker)


def sign_in(page: Page, base_url: str) -> None:
    page.goto(base_url + "/recovery/sign-in")
    page.get_by_label("Your mobile number or email address").fill("07400 123456")
    page.get_by_role("button", name="Send me a code").click()
    page.get_by_label("Enter the code we sent you").fill(latest_code())
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base_url + "/recovery/")


def fill_check_in(page: Page, *, blood: bool) -> None:
    page.locator("input[name=craving][value='6']").check()
    page.get_by_label("Good", exact=True).check()
    page.locator("input[name=used][value='no']").check()
    if blood:
        page.get_by_label("Blood in your urine").check()
    page.get_by_label("Well", exact=True).check()
    page.locator("input[name=confidence][value='7']").check()
    page.locator("input[name=thoughts][value='no']").check()
    page.get_by_role("button", name="Save check-in").click()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1024, 320])
def test_every_recovery_page_is_sound_and_a_red_flag_stops_at_once(
    recorder: PageRecorder, live_server: LiveServer, width: int
) -> None:
    enrolled_person()
    page = recorder.page
    page.set_viewport_size({"width": width, "height": 800})
    for path in ("/recovery/", "/recovery/sign-in", "/recovery/sign-in/phrase"):
        recorder.open(live_server.url + path)
        assert_page_is_sound(recorder, path)

    sign_in(page, live_server.url)
    for path in PAGES:
        recorder.open(live_server.url + path)
        assert_page_is_sound(recorder, path)
        assert "ketamine" not in page.content().lower()

    recorder.open(live_server.url + "/recovery/check-in")
    fill_check_in(page, blood=True)
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", level=1).inner_text() == "See a doctor today"
    assert_page_is_sound(recorder, "check-in stop page")

    recorder.forget()
    page.get_by_role("button", name="I need help now").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", level=1).inner_text() == "Get help now"
    assert_page_is_sound(recorder, "help now")
    assert CheckIn.objects.count() == 1
    assert sorted(OutreachTask.objects.values_list("trigger", flat=True)) == ["help-now", "red-flag"]


@pytest.mark.django_db(transaction=True)
def test_signs_in_and_checks_in_with_javascript_off(
    live_server: LiveServer, context_without_javascript: BrowserContext
) -> None:
    enrolled_person()
    page = context_without_javascript.new_page()
    sign_in(page, live_server.url)
    page.goto(live_server.url + "/recovery/check-in")
    fill_check_in(page, blood=False)

    page.wait_for_url(live_server.url + "/recovery/checked-in")
    assert page.get_by_role("heading", level=1).inner_text() == "Check-in saved"
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(live_server.url + "/recovery/signed-out")
    assert CheckIn.objects.get().enrolment.contact == PHONE


CACHED_URLS = """async () => {
  const found = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) { found.push(new URL(request.url).pathname); }
  }
  return found;
}"""


@pytest.mark.django_db(transaction=True)
def test_the_service_worker_caches_only_the_plan_and_forgets_it_at_sign_out(
    context: BrowserContext, live_server: LiveServer
) -> None:
    enrolled_person()
    page = context.new_page()
    sign_in(page, live_server.url)
    page.goto(live_server.url + "/recovery/plan/change")
    page.get_by_label("My reasons for change").fill("For my kids")
    page.get_by_role("button", name="Save your plan").click()
    page.wait_for_url(live_server.url + "/recovery/plan")
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    page.reload()
    for path in ("/recovery/", "/recovery/trends", "/recovery/your-data", "/recovery/check-in", "/recovery/plan"):
        page.goto(live_server.url + path)
    page.wait_for_function("async () => (await caches.keys()).length > 0")

    assert page.evaluate(CACHED_URLS) == ["/recovery/plan"]
    context.set_offline(True)
    page.goto(live_server.url + "/recovery/plan")
    assert "For my kids" in page.content()
    context.set_offline(False)

    page.goto(live_server.url + "/recovery/")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(live_server.url + "/recovery/signed-out")
    assert page.evaluate(CACHED_URLS) == []


SERVICE_WORKERS = "async () => (await navigator.serviceWorker.getRegistrations()).map(r => new URL(r.scope).pathname)"


@pytest.mark.django_db(transaction=True)
def test_exit_this_page_forgets_the_offline_plan_kept_at_a_region_address(
    context: BrowserContext, live_server: LiveServer, settings: Settings, neutral_site: str
) -> None:
    settings.WAYPOST_REGIONS = ["uk", "us"]
    us_site = live_server.url + "/us"
    enrolled_person()
    page = context.new_page()
    sign_in(page, us_site)
    page.goto(us_site + "/recovery/plan")
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    page.reload()
    page.wait_for_function("async () => (await caches.keys()).length > 0")
    assert page.evaluate(CACHED_URLS) == ["/us/recovery/plan"]
    assert page.evaluate(SERVICE_WORKERS) == ["/us/recovery/"]

    page.get_by_role("link", name="Exit this page").click()
    page.wait_for_url(neutral_site)
    page.goto(live_server.url + "/privacy")

    assert page.evaluate(CACHED_URLS) == []
    assert page.evaluate(SERVICE_WORKERS) == []


SPANISH_PAGES = tuple(f"/us/es{path}" for path in PAGES)


@pytest.mark.django_db(transaction=True)
def test_a_spanish_speaker_signs_in_checks_in_and_asks_for_help_in_spanish(
    recorder: PageRecorder, live_server: LiveServer, settings: Settings
) -> None:
    settings.WAYPOST_REGION, settings.WAYPOST_REGIONS = "uk", ["uk", "us"]
    enrolled_person()
    page, base = recorder.page, live_server.url

    # Given I sign in at the Spanish address with the code sent to me
    recorder.open(base + "/us/es/recovery/sign-in")
    assert_page_is_sound(recorder, "Spanish sign-in")
    page.get_by_label("Su número de celular o su correo electrónico").fill("07400 123456")
    page.get_by_role("button", name="Enviarme un código").click()
    page.get_by_label("Escriba el código que le enviamos").fill(latest_code())
    page.get_by_role("button", name="Iniciar sesión").click()
    page.wait_for_url(base + "/us/es/recovery/")

    # Then every page of my space is in Spanish and sound
    for path in SPANISH_PAGES:
        recorder.open(base + path)
        assert_page_is_sound(recorder, path)
        assert page.get_by_role("navigation", name="Su espacio").is_visible()

    # When I check in and ask for help
    recorder.open(base + "/us/es/recovery/check-in")
    page.locator("input[name=craving][value='3']").check()
    page.get_by_label("Bien", exact=True).first.check()
    page.locator("input[name=used][value='no']").check()
    page.locator("input[name=sleep][value='4']").check()
    page.locator("input[name=confidence][value='7']").check()
    page.locator("input[name=thoughts][value='no']").check()
    page.get_by_role("button", name="Guardar registro").click()
    page.wait_for_url(base + "/us/es/recovery/checked-in")
    assert page.get_by_role("heading", level=1).inner_text() == "Registro guardado"
    assert_page_is_sound(recorder, "Spanish check-in saved")
    page.get_by_role("button", name="Necesito ayuda ahora").click()
    page.wait_for_load_state("networkidle")

    # Then the help-now page is in Spanish with the US numbers
    assert page.get_by_role("heading", level=1).inner_text() == "Busque ayuda ahora"
    assert page.locator('a[href="tel:911"]').count() >= 1
    assert_page_is_sound(recorder, "Spanish help now")
    assert sorted(OutreachTask.objects.values_list("trigger", flat=True)) == ["help-now"]
