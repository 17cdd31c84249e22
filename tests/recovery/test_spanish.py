"""Recovery support in Spanish at /us/es/recovery/…: pages, errors, the code and reminders in the person's language,
the red-flag question keeping its meaning (H-098) and the help-now numbers following the region (H-099)."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from pytest_django.fixtures import Settings

from tests.recovery.conftest import PHONE, enrol, latest_code
from tests.recovery.test_person_pages import CALM
from tests.recovery.test_reminders import EVENING, local, reminders, run_at
from tests.recovery.test_rules import MESSAGE_TABLE
from waypost.accounts.models import Organisation, User
from waypost.instruments.terminology import YES
from waypost.notifications.rendering import render_message
from waypost.recovery import check_ins
from waypost.recovery.forms import BLADDER_LABELS, CheckInForm
from waypost.recovery.models import CheckIn, Enrolment, OutreachTask
from waypost.recovery.presenters import progress_message, reason_words
from waypost.recovery.rules import (
    SAFETY_LINK_ID,
    CheckInFigures,
    Outreach,
    Progress,
    Rhythm,
    help_now_outreach,
    high_craving_outreach,
    quiet_outreach,
    red_flag_outreach,
    use_after_run_outreach,
)
from waypost.recovery.services import create_outreach

pytestmark = pytest.mark.django_db

SPANISH = "/us/es/recovery"
TRANSLATION_URL = "http://hl7.org/fhir/StructureDefinition/translation"
CATALOGUE = Path(__file__).parents[2] / "src/waypost/recovery/locale/es/LC_MESSAGES/django.po"


@pytest.fixture(autouse=True)
def both_regions(settings: Settings) -> None:
    settings.WAYPOST_REGION, settings.WAYPOST_REGIONS = "uk", ["uk", "us"]


@pytest.fixture
def languages_rendered(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str | None]]:
    """(template, active language) of every message the outbox renders: the language it is worded in."""
    seen: list[tuple[str, str | None]] = []
    real = render_message

    def recording(template: str, **kwargs: Any) -> Any:
        seen.append((template, translation.get_language()))
        return real(template, **kwargs)

    monkeypatch.setattr("waypost.notifications.services.render_message", recording)
    return seen


def spanish_person(contact: str = PHONE) -> Client:
    client = Client()
    asked = client.post(f"{SPANISH}/sign-in", {"contact": contact})
    assert asked["Location"] == f"{SPANISH}/code"
    signed_in = client.post(f"{SPANISH}/code", {"code": latest_code()})
    assert signed_in["Location"] == f"{SPANISH}/"
    return client


@pytest.fixture
def enrolment(organisation_a: Organisation, triage_worker_a: User) -> Enrolment:
    return enrol(organisation_a, triage_worker_a)


def test_a_code_asked_for_at_the_spanish_address_is_worded_in_spanish_and_the_language_is_kept(
    languages_rendered: list[tuple[str, str | None]], enrolment: Enrolment
) -> None:
    client = spanish_person()
    saved = Enrolment.objects.get(pk=enrolment.pk)

    assert languages_rendered == [("recovery-invite", "en-gb"), ("recovery-code", "es")]
    assert (saved.language, saved.region) == ("es", "us")
    assert "<h1>Su espacio</h1>" in client.get(f"{SPANISH}/").content.decode()


def test_signing_in_at_a_bare_address_keeps_english_and_the_default_region(enrolment: Enrolment) -> None:
    client = Client()
    client.post("/recovery/sign-in", {"contact": PHONE})
    client.post("/recovery/code", {"code": latest_code()})
    saved = Enrolment.objects.get(pk=enrolment.pk)

    assert (saved.language, saved.region) == ("en-gb", "")
    assert "<h1>Your space</h1>" in client.get("/recovery/").content.decode()


def test_the_sign_in_pages_and_their_errors_are_in_spanish(enrolment: Enrolment) -> None:
    client = Client()
    page = client.get(f"{SPANISH}/sign-in").content.decode()
    refused = client.post(f"{SPANISH}/sign-in", {"contact": "not a number"}).content.decode()
    client.post(f"{SPANISH}/sign-in", {"contact": PHONE})
    wrong = client.post(f"{SPANISH}/code", {"code": "000000"}).content.decode()

    assert "Su número de celular o su correo electrónico" in page
    assert "Enviarme un código" in page
    assert "<title>Error: Iniciar sesión" in refused
    assert "Escriba un número de celular, como 07400 123456, o un correo electrónico" in refused
    assert "Ese código no es correcto. Revise el código en su mensaje e intente otra vez" in wrong


def test_the_check_in_asks_in_spanish_and_says_what_is_missing_in_spanish(enrolment: Enrolment) -> None:
    client = spanish_person()
    page = client.get(f"{SPANISH}/check-in").content.decode()
    refused = client.post(f"{SPANISH}/check-in", {}).content.decode()

    assert "Ocho preguntas cortas. Responda sobre el tiempo desde su último registro." in page
    assert "¿Ha consumido desde su último registro?" in page
    assert "Muy bajo" in page
    assert "Sangre en la orina" in page
    assert "Elija un número entre 0 y 10" in refused
    assert "Elija cómo ha estado su ánimo" in refused
    assert not CheckIn.objects.exists()


def test_a_saved_check_in_tells_progress_in_spanish(enrolment: Enrolment) -> None:
    client = spanish_person()
    saved = client.post(f"{SPANISH}/check-in", CALM)
    html = client.get(saved["Location"]).content.decode()

    assert saved["Location"] == f"{SPANISH}/checked-in"
    assert "Registro guardado" in html
    assert "1 día seguidos sin consumir. Ha llegado a 1 día." in html


def test_the_plan_and_trends_are_in_spanish_with_the_same_figures(enrolment: Enrolment) -> None:
    client = spanish_person()
    client.post(f"{SPANISH}/check-in", {**CALM, "used": "yes"})
    plan = client.get(f"{SPANISH}/plan").content.decode()
    trends = client.get(f"{SPANISH}/trends").content.decode()
    english_trends = client.get("/us/recovery/trends").content.decode()

    assert "<h2>Mis razones para cambiar</h2>" in plan
    assert "Todavía no hay nada escrito." in plan
    assert "<h1>Tendencias de 4 semanas</h1>" in trends
    assert "Promedio de ganas de consumir cada semana durante 4 semanas, de 0 a 10." in trends
    assert "Las mismas cifras están en la tabla de abajo." in trends
    assert '<th scope="col">Días con consumo</th>' in trends
    assert re.findall(r'points="[^"]*"', trends) == re.findall(r'points="[^"]*"', english_trends)
    assert "<h1>Trends over 4 weeks</h1>" in english_trends


def test_your_data_shows_the_check_ins_in_spanish(enrolment: Enrolment) -> None:
    client = spanish_person()
    client.post(f"{SPANISH}/check-in", {**CALM, "used": "yes", "amount": "poco"})
    html = client.get(f"{SPANISH}/your-data").content.decode()

    assert "<td>Sí (poco)</td>" in html
    assert "<td>Bien</td>" in html  # mood 4
    assert "Descargar sus datos (JSON)" in html


def test_a_spanish_reminder_is_worded_in_spanish_and_links_to_the_spanish_address(
    enrolment: Enrolment, languages_rendered: list[tuple[str, str | None]]
) -> None:
    client = spanish_person()
    client.post(f"{SPANISH}/reminders", {**EVENING, "wording": ""})
    run_at(local(18, 5))
    (reminder,) = reminders()

    assert ("recovery-reminder", "es") in languages_rendered
    assert Enrolment.objects.get(pk=enrolment.pk).reminder_wording == "Es hora de su registro."
    assert "Es hora de su registro." in reminder.body
    assert "/us/es/recovery/check-in" in reminder.body
    assert re.search(r"/us/es/recovery/reminders/stop/\S+", reminder.body)


def test_an_english_reminder_is_unchanged(
    enrolment: Enrolment, languages_rendered: list[tuple[str, str | None]]
) -> None:
    client = Client()
    client.post("/recovery/sign-in", {"contact": PHONE})
    client.post("/recovery/code", {"code": latest_code()})
    client.post("/recovery/reminders", {**EVENING, "wording": ""})
    run_at(local(18, 5))
    (reminder,) = reminders()

    assert ("recovery-reminder", "en-gb") in languages_rendered
    assert "Time for your check-in." in reminder.body
    assert "/recovery/check-in" in reminder.body
    assert "/es/" not in reminder.body
    assert "/us/" not in reminder.body


# H-098: the red-flag question keeps its meaning in Spanish, and the rule reads codes, not words


def test_a_spanish_red_flag_check_in_shows_the_stop_page_in_spanish_and_tells_the_team(enrolment: Enrolment) -> None:
    client = spanish_person()
    response = client.post(f"{SPANISH}/check-in", {**CALM, "thoughts": "yes"})
    html = response.content.decode()
    stored = json.loads(CheckIn.objects.get().response)
    (task,) = OutreachTask.objects.all()

    assert response.status_code == 200
    assert "Su registro está guardado." in html
    assert 'href="tel:988"' in html
    assert [
        item["answer"][0]["valueCoding"]["code"] for item in stored["item"] if item["linkId"] == SAFETY_LINK_ID
    ] == [YES]
    assert task.trigger == "red-flag"
    assert task.reason == (
        "Their check-in mentioned thoughts of ending their life or harming themselves. They were shown who to call."
    )


def test_the_spanish_form_asks_the_questionnaires_spanish_questions() -> None:
    """The page and the FHIR Questionnaire say the same thing in Spanish, so a phone app asks what the page asks."""
    spanish = questionnaire_translations()
    with translation.override("es"):
        form = CheckInForm()
        labels = {name: str(field.label) for name, field in form.fields.items()}
        bladder = {link_id: str(label) for link_id, label in BLADDER_LABELS.items()}

    assert spanish[SAFETY_LINK_ID] == labels["thoughts"]
    assert spanish["used"] == labels["used"]
    assert spanish["craving"] == labels["craving"]
    assert spanish["sleep"] == labels["sleep"]
    assert {link_id: spanish[link_id] for link_id in bladder} == bladder


def test_every_question_and_answer_of_the_questionnaire_has_a_spanish_translation() -> None:
    missing = [path for path, element in worded_elements(check_ins.questionnaire()) if not spanish_of(element)]
    assert missing == []


def questionnaire_translations() -> dict[str, str]:
    found: dict[str, str] = {}

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            found[item["linkId"]] = spanish_of(item.get("_text", {}))
            walk(item.get("item", []))

    walk(check_ins.questionnaire()["item"])
    return found


def spanish_of(element: dict[str, Any]) -> str:
    for extension in element.get("extension", []):
        parts = {part["url"]: part for part in extension.get("extension", [])}
        if extension.get("url") == TRANSLATION_URL and parts.get("lang", {}).get("valueCode") == "es":
            return str(parts["content"]["valueString"])
    return ""


def worded_elements(questionnaire: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = [("title", questionnaire.get("_title", {}))]

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            found.append((item["linkId"], item.get("_text", {})))
            for option in item.get("answerOption", []):
                coding = option["valueCoding"]
                found.append((f"{item['linkId']}/{coding['code']}", coding.get("_display", {})))
            walk(item.get("item", []))

    walk(questionnaire["item"])
    return found


# H-099: the Spanish help-now page gives the region's numbers, never numbers written into the translation


@pytest.mark.parametrize(
    ("region", "numbers"), [("us", ('href="tel:911"', 'href="tel:988"')), ("uk", ('href="tel:999"', "Samaritans"))]
)
def test_help_now_in_spanish_gives_the_regions_numbers(
    enrolment: Enrolment, region: str, numbers: tuple[str, str]
) -> None:
    client = spanish_person()
    spanish = client.post(f"/{region}/es/recovery/help-now").content.decode()
    english = client.post(f"/{region}/recovery/help-now").content.decode()

    assert '<h1 class="stop__heading">Busque ayuda ahora</h1>' in spanish
    for number in numbers:
        assert number in spanish
        assert number in english
    assert tel_links(spanish) == tel_links(english)


def tel_links(html: str) -> list[str]:
    return re.findall(r'href="tel:[^"]*"', html)


def test_no_spanish_wording_brings_a_number_of_its_own() -> None:
    """Numbers are placeholders filled from the helpline registry, so a translation cannot change one."""
    catalogue = CATALOGUE.read_text(encoding="utf-8")
    pairs = re.findall(r'msgid "((?:[^"\\]|\\.)*)"\nmsgstr "((?:[^"\\]|\\.)*)"', catalogue)
    added = [(english, spanish) for english, spanish in pairs if set(digit_runs(spanish)) - set(digit_runs(english))]
    assert added == []


def digit_runs(text: str) -> list[str]:
    return re.findall(r"\d{3,}", text)


# Outreach reasons: the same English as the rules wrote, and Spanish for a Spanish-speaking member of staff


def reasons_the_rules_write() -> list[Outreach]:
    day = local(9).date()
    figures = CheckInFigures(day=day, craving=9, has_used=True, has_thoughts_of_ending_life=True)
    earlier = day - datetime.timedelta(days=10)
    history = [CheckInFigures(day=earlier, craving=9, has_used=False), figures]
    quiet = quiet_outreach(rhythm=Rhythm.DAILY, last_check_in=None, enrolled_on=earlier, today=day)
    assert quiet is not None
    return [
        help_now_outreach(),
        *red_flag_outreach(figures),
        *use_after_run_outreach(history),
        *high_craving_outreach(history),
        quiet,
    ]


def test_reasons_read_in_english_exactly_as_the_rules_wrote_them(enrolment: Enrolment) -> None:
    found = reasons_the_rules_write()
    create_outreach(enrolment, found)

    with translation.override("en-gb"):
        assert [reason_words(task) for task in OutreachTask.objects.order_by("pk")] == [item.reason for item in found]


def test_staff_read_outreach_reasons_in_spanish_at_a_spanish_address(
    enrolment: Enrolment, staff_client: Any, triage_worker_a: User
) -> None:
    spanish_person().post(f"{SPANISH}/check-in", {**CALM, "thoughts": "yes"})
    staff = staff_client(triage_worker_a)
    spanish = staff.get("/es/staff/recovery/").content.decode()
    english = staff.get("/staff/recovery/").content.decode()

    assert (
        "Una señal de alerta en un registro: Su registro mencionó pensamientos de quitarse la vida o de hacerse daño. "
        "Se le mostró a quién llamar." in spanish
    )
    assert (
        "A warning sign in a check-in: Their check-in mentioned thoughts of ending their life or harming themselves. "
        "They were shown who to call." in english
    )


@pytest.mark.parametrize("summary", [row[0] for row in MESSAGE_TABLE])
def test_progress_in_spanish_never_scolds_or_resets(summary: Progress) -> None:
    for has_used in (True, False):
        with translation.override("es"):
            message = progress_message(summary, latest_has_used=has_used)
        assert message != progress_message(summary, latest_has_used=has_used)
        for word in ("recaída", "fracas", "reinici", "ketamina", "adict", "droga"):
            assert word not in message.lower()
