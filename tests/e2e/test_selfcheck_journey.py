"""The self-check in a real browser, written given/when/then, with every page audited on the way."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from tests.e2e.browser import PageRecorder, assert_page_is_sound

ENGLISH_BUTTONS = {"start": "Start now", "continue": "Continue", "continue check": "Continue the check"}
ENGLISH_BUTTONS |= {"results": "See my results"}
SPANISH_BUTTONS = {"start": "Empezar ahora", "continue": "Continuar", "continue check": "Seguir con el chequeo"}
SPANISH_BUTTONS |= {"results": "Ver mis resultados"}


class SelfCheckJourney:
    def __init__(
        self, recorder: PageRecorder, live_server: LiveServer, prefix: str = "", buttons: dict[str, str] | None = None
    ) -> None:
        self.recorder = recorder
        self.page: Page = recorder.page
        self.base_url = live_server.url
        # "/us/es" for the check in Spanish in the US; the buttons' words follow the language
        self.check_url = f"{live_server.url}{prefix}/check/"
        self.buttons = buttons or ENGLISH_BUTTONS
        self.headings: list[str] = []
        self.stop_headings: list[str] = []

    def given_i_start_the_check(self) -> None:
        self.recorder.open(self.check_url)
        self.then_the_page_is_sound()
        self.recorder.click_and_wait(self.buttons["start"])

    def when_i_answer(self, label: str) -> None:
        self.then_the_page_is_sound()
        self.headings.append(self.page.locator("h1").inner_text())
        self.page.get_by_label(label, exact=True).check()
        self.recorder.click_and_wait(self.buttons["continue"])

    def when_i_answer_every_question_with(self, labels: dict[str, str], default: str) -> None:
        """Answer on to the end, reading each stop-and-call page on the way and continuing the check."""
        while self.page.url.startswith(self.check_url):
            if self.page.url == self.check_url + "stop":
                self.then_the_page_is_sound()
                self.stop_headings.append(self.page.locator("h1").inner_text())
                self.recorder.click_and_wait(self.buttons["continue check"], role="link")
                continue
            if not self.page.url.startswith(self.check_url + "question/"):
                return
            heading = self.page.locator("h1").inner_text()
            self.when_i_answer(labels.get(heading, default_for(self.page, default)))

    def then_the_page_is_sound(self) -> None:
        assert_page_is_sound(self.recorder, self.page.url)

    def then_i_see_my_answers_and_go_to_results(self) -> None:
        assert self.page.url == self.check_url + "answers"
        self.then_the_page_is_sound()
        self.recorder.click_and_wait(self.buttons["results"])
        assert self.page.url == self.check_url + "results"
        self.then_the_page_is_sound()


def default_for(page: Page, default: str) -> str:
    """'No' for yes/no questions, 'Not at all' for how-often questions."""
    labels = page.locator(".radios__label").all_inner_texts()
    return default if default in labels else labels[0]


@pytest.fixture
def journey(recorder: PageRecorder, live_server: LiveServer) -> SelfCheckJourney:
    return SelfCheckJourney(recorder, live_server)


@pytest.mark.django_db(transaction=True)
def test_a_person_checks_their_own_use_and_gets_feedback(journey: SelfCheckJourney) -> None:
    journey.given_i_start_the_check()

    journey.when_i_answer("No")
    journey.when_i_answer("Me")
    journey.when_i_answer_every_question_with(
        {"Have you had strong urges or cravings to use ketamine?": "Yes"}, default="No"
    )

    journey.then_i_see_my_answers_and_go_to_results()
    assert "You answered yes to 1 of the 10 signs we asked about." in journey.page.content()
    assert journey.page.locator(".care-card").count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_friend_checks_on_someone_they_care_about(journey: SelfCheckJourney) -> None:
    journey.given_i_start_the_check()

    journey.when_i_answer("No")
    journey.when_i_answer("Someone I care about")
    journey.when_i_answer_every_question_with({}, default="No")

    journey.then_i_see_my_answers_and_go_to_results()
    assert journey.page.get_by_role("heading", name="Looking after yourself").is_visible()


@pytest.mark.django_db(transaction=True)
def test_a_plan_to_end_life_shows_the_emergency_card_first(journey: SelfCheckJourney) -> None:
    journey.given_i_start_the_check()

    journey.when_i_answer("No")
    journey.when_i_answer("Me")
    journey.when_i_answer_every_question_with(
        {
            "In the past month, have you had thoughts about ending your life?": "Yes",
            "Do you have a plan for how you would end your life that you intend to carry out?": "Yes",
        },
        default="No",
    )

    assert journey.stop_headings == ["Talk to someone today", "Stop and call 999 now"]
    journey.then_i_see_my_answers_and_go_to_results()
    first_card = journey.page.locator(".care-card").first
    assert "care-card--emergency" in (first_card.get_attribute("class") or "")
    assert " ".join((first_card.get_by_role("heading").text_content() or "").split()) == "Emergency: Call 999 now"


@pytest.mark.django_db(transaction=True)
def test_someone_in_danger_now_is_stopped_and_asked_to_call(journey: SelfCheckJourney) -> None:
    journey.given_i_start_the_check()

    journey.when_i_answer("Yes")

    assert journey.page.url == journey.base_url + "/check/stop"
    assert journey.page.get_by_role("heading", level=1).inner_text() == "Stop and call 999 now"
    journey.then_the_page_is_sound()


@pytest.mark.django_db(transaction=True)
def test_missing_answer_moves_focus_to_the_error_summary(journey: SelfCheckJourney) -> None:
    journey.given_i_start_the_check()

    journey.recorder.click_and_wait("Continue")

    assert journey.page.title().startswith("Error: ")
    assert journey.page.evaluate("document.activeElement.dataset.errorSummary") == ""
    journey.then_the_page_is_sound()
    journey.page.get_by_role("link", name="Select yes or no").click()
    assert journey.page.evaluate("document.activeElement.id") == "id_answer_0"


@pytest.mark.django_db(transaction=True)
def test_the_check_works_with_javascript_off(
    live_server: LiveServer, context_without_javascript: BrowserContext
) -> None:
    page = context_without_javascript.new_page()
    page.goto(live_server.url + "/check/")
    page.get_by_role("button", name="Start now").click()

    while page.url.startswith(live_server.url + "/check/question/"):
        labels = page.locator(".radios__label").all_inner_texts()
        choice = "No" if "No" in labels else labels[0]
        page.get_by_label(choice, exact=True).check()
        page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="See my results").click()

    assert page.url == live_server.url + "/check/results"
    assert page.get_by_role("heading", level=1).inner_text() == "Your results"


@pytest.mark.django_db(transaction=True)
def test_clear_my_answers_by_keyboard(journey: SelfCheckJourney) -> None:
    journey.given_i_start_the_check()
    journey.when_i_answer("No")

    journey.page.get_by_role("button", name="Clear my answers").focus()
    with journey.page.expect_navigation():
        journey.page.keyboard.press("Enter")

    assert "Your answers have been cleared." in journey.page.content()


@pytest.mark.django_db(transaction=True)
def test_a_person_checks_their_own_use_in_spanish_in_the_us(
    recorder: PageRecorder, live_server: LiveServer, settings: Settings
) -> None:
    settings.WAYPOST_REGION = "uk"
    settings.WAYPOST_REGIONS = ["uk", "us"]
    journey = SelfCheckJourney(recorder, live_server, "/us/es", SPANISH_BUTTONS)
    journey.given_i_start_the_check()

    journey.when_i_answer("No")
    journey.when_i_answer("Sobre mí")
    journey.when_i_answer_every_question_with(
        {
            "¿Ha tenido ganas muy fuertes de usar ketamina?": "Sí",
            "En el último mes, ¿ha tenido pensamientos de quitarse la vida?": "Sí",
            "¿Tiene un plan de cómo se quitaría la vida, que piensa llevar a cabo?": "Sí",
            "Poco interés o placer en hacer cosas": "Casi todos los días",
            "Se ha sentido decaído(a), deprimido(a) o sin esperanzas": "Casi todos los días",
        },
        default="No",
    )

    assert journey.stop_headings[-1] == "Deténgase y llame al 911 ahora"
    assert "Se ha sentido nervioso(a), ansioso(a) o con los nervios de punta" in journey.headings
    journey.then_i_see_my_answers_and_go_to_results()
    content = journey.page.content()
    assert "Respondió que sí a 1 de las 10 señales que le preguntamos." in content
    assert "care-card--emergency" in (journey.page.locator(".care-card").first.get_attribute("class") or "")
