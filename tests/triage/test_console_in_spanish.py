"""The console in the staff member's own language (ADR 0047): Spanish when they chose it, English otherwise."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
import time_machine
from django.test import Client
from django.utils import timezone, translation
from django.utils.formats import date_format

from tests.triage.factories import make_request
from waypost.accounts.models import Organisation, User
from waypost.core.audit import AuditAction, AuditEvent
from waypost.instruments.flags import Flag
from waypost.intake.models import ContactRequest
from waypost.triage.models import Activity
from waypost.triage.queue import row_words
from waypost.triage.risk import flag_words
from waypost.triage.times import time_with_zone

pytestmark = pytest.mark.django_db
StaffClient = Callable[[User], Client]
RED_FLAGGED = [{"questionnaire": "safety", "band": None, "flags": ["danger-now", "ending-life-intent-or-plan"]}]

# H-096: each flag's Spanish words must name the flag itself, as plainly as the English
WORDS_NAMING_EACH_FLAG = {
    Flag.DANGER_NOW: "alguien está en peligro en este momento",
    Flag.ENDING_LIFE_INTENT_OR_PLAN: "tiene la intención o un plan de quitarse la vida",
    Flag.ENDING_LIFE_RECENT_BEHAVIOUR: "hizo algo para quitarse la vida",
    Flag.ENDING_LIFE_THOUGHTS: "pensamientos de quitarse la vida",
    Flag.SELF_HARM_THOUGHTS: "pensamientos de hacerse daño",
    Flag.BLOOD_IN_URINE: "sangre en la orina",
    Flag.URINARY_RETENTION: "no puede orinar",
    Flag.KIDNEY_PAIN_WITH_FEVER: "dolor en el costado con fiebre",
    Flag.URINARY_SYMPTOMS_AFTER_STOPPING: "duran más de 4 semanas después de dejar",
    Flag.BLADDER_SYMPTOMS_WHILE_USING: "síntomas de vejiga mientras consume ketamina",
    Flag.MIXING_WITH_DEPRESSANTS: "mezcla ketamina con alcohol u otros depresores",
    Flag.TALKS_OF_ENDING_LIFE_OR_SELF_HARM: "habla de quitarse la vida o de hacerse daño",
    Flag.HARD_TO_WAKE: "difícil despertar",
}


@pytest.fixture
def red_flagged_request(organisation_a: Organisation) -> ContactRequest:
    return make_request(organisation_a, selfcheck_summary=RED_FLAGGED)


@pytest.mark.parametrize("flag", list(Flag))
def test_each_red_flag_in_spanish_names_the_flag(flag: Flag) -> None:
    with translation.override("es"):
        words = flag_words(flag.value)

    assert WORDS_NAMING_EACH_FLAG[flag] in words


def test_a_spanish_supervisor_reads_the_queue_in_spanish(
    staff_client: StaffClient, spanish_supervisor: User, red_flagged_request: ContactRequest
) -> None:
    html = staff_client(spanish_supervisor).get("/staff/").content.decode()

    assert '<html lang="es">' in html
    assert "<h1>Solicitudes</h1>" in html
    assert (
        '<strong class="tag tag--red">Señal de alerta</strong> Dijo que alguien está en peligro en este momento' in html
    )
    assert "Hacer el primer contacto" in html
    assert ">Idioma de su consola" not in html
    assert '<a href="/staff/account/language">Language / Idioma</a>' in html


def test_a_spanish_supervisor_reads_each_row_and_the_filters_in_spanish(
    staff_client: StaffClient, spanish_supervisor: User, organisation_a: Organisation
) -> None:
    make_request(
        organisation_a,
        for_whom="someone-else",
        relationship="friend",
        person_knows="yes",
        contact_methods=["call", "text"],
        safe_to_text=True,
    )
    closed = make_request(organisation_a)
    ContactRequest.objects.filter(pk=closed.pk).update(status="closed", outcome="admitted")
    client = staff_client(spanish_supervisor)

    queue = client.get("/staff/").content.decode()
    closed_queue = client.get("/staff/?status=closed").content.decode()

    # The status, who it is for and when to call, as the console's language words them, not the stored English
    assert "<td>Nueva</td>" in queue
    assert "<br>Alguien que me importa</td>" in queue
    assert "<td>llamada o mensaje de texto, noches de lunes a viernes</td>" in queue
    assert '<span class="counts__number">1</span> Nueva</a>' in queue
    assert '<option value="closed">Cerrada</option>' in queue
    assert '<option value="admitted">Admitida en un servicio</option>' in queue
    assert "Ninguna: cerrada (Admitida en un servicio)" in closed_queue
    assert not any(english in queue for english in (">New<", "weekday evenings", "Someone I care about"))
    # "Me" as in "requests I own", not the self-check's "about me"
    assert '<option value="me">Yo</option>' in queue


def test_a_spanish_supervisor_reads_the_request_page_labels_and_forms_in_spanish(
    staff_client: StaffClient, spanish_supervisor: User, organisation_a: Organisation
) -> None:
    contact_request = make_request(organisation_a, for_whom="someone-else", relationship="friend", person_knows="yes")
    client = staff_client(spanish_supervisor)

    html = client.get(f"/staff/requests/{contact_request.reference}").content.decode()
    dashboard = client.get("/staff/dashboard").content.decode()

    assert "<p>Nueva. Recibida el" in html
    assert "Noches de lunes a viernes (5 p. m. a 8 p. m.)" in html
    assert "Amigo o amiga</dd>" in html
    assert ">Sí</dd>" in html
    assert '<option value="contact-attempted">Se intentó el contacto</option>' in html
    assert "Derivada a otro lugar" in html
    assert "Se intentó el contacto: 0." in dashboard
    assert "<td>Admitida en un servicio</td>" in dashboard
    stored_english = ("Contact attempted", "Weekday evenings", "Friend", "Referred elsewhere", "Admitted to a service")
    assert not any(english in page for english in stored_english for page in (html, dashboard))


@pytest.mark.parametrize("language", ["en-gb", "es"])
@pytest.mark.parametrize("zone", ["Europe/London", "America/Chicago"])
def test_queue_row_times_are_what_django_formats_for_every_weekday_and_month(language: str, zone: str) -> None:
    # Every weekday in every month of 2026, at hours that fall on the day before in Chicago and near midnight in London
    moments = [
        datetime.datetime(2026, month, day, hour, 7, tzinfo=datetime.UTC)
        for month in range(1, 13)
        for day in range(1, 8)
        for hour in (0, 1, 23)
    ]

    with translation.override(language), timezone.override(zone):
        words = row_words()
        ours = [words.when(moment) for moment in moments]
        djangos = [date_format(timezone.localtime(moment), "D d M H:i") for moment in moments]

    assert ours == djangos


def test_a_spanish_supervisor_reads_the_request_page_and_its_risk_summary_in_spanish(
    staff_client: StaffClient, spanish_supervisor: User, red_flagged_request: ContactRequest
) -> None:
    response = staff_client(spanish_supervisor).get(f"/staff/requests/{red_flagged_request.reference}")

    html = response.content.decode()
    assert response.status_code == 200
    assert f"<title>Solicitud {red_flagged_request.reference} \N{EN DASH} " in html
    assert '<h2 id="risk-summary">Resumen de riesgo</h2>' in html
    assert "<strong>Señal de alerta: dijo que tiene la intención o un plan de quitarse la vida</strong>" in html
    assert "Dejar mensaje de voz o decir quiénes somos" in html
    assert "<strong>No: no deje mensaje ni diga quiénes somos</strong>" in html
    assert "Registrar un intento de contacto" in html


def test_a_spanish_supervisor_reads_the_dashboard_in_spanish(
    staff_client: StaffClient, spanish_supervisor: User, red_flagged_request: ContactRequest
) -> None:
    html = staff_client(spanish_supervisor).get("/staff/dashboard").content.decode()

    assert "<h1>Panel: Organisation A</h1>" in html
    assert '<span class="counts__number">1</span> abiertas con una señal de alerta' in html
    assert "<tr><td>Sin asignar</td><td>1</td><td>1</td><td>0</td></tr>" in html
    assert "Últimos 30 días" in html


def test_a_spanish_supervisor_reads_the_audit_log_in_spanish_and_its_records_are_unchanged(
    staff_client: StaffClient, spanish_supervisor: User, red_flagged_request: ContactRequest
) -> None:
    client = staff_client(spanish_supervisor)
    client.get(f"/staff/requests/{red_flagged_request.reference}")

    html = client.get("/staff/audit").content.decode()

    assert "<h1>Registro de auditoría: Organisation A</h1>" in html
    assert "Vio una solicitud" in html
    assert '<option value="viewed-contact-details">Vio los datos de contacto</option>' in html
    event = AuditEvent.objects.get(action=AuditAction.VIEWED_REQUEST)
    assert (event.actor_name, event.get_action_display()) == ("supervisor-a", "Viewed a request")


def test_an_english_supervisor_sees_the_same_pages_in_english(
    staff_client: StaffClient, supervisor_a: User, red_flagged_request: ContactRequest
) -> None:
    client = staff_client(supervisor_a)

    pages = [client.get(path).content.decode() for path in ("/staff/", "/staff/dashboard", "/staff/audit")]
    detail = client.get(f"/staff/requests/{red_flagged_request.reference}").content.decode()

    assert all('<html lang="en-GB">' in html for html in [*pages, detail])
    assert "<h1>Requests</h1>" in pages[0]
    assert '<span class="counts__number">1</span> open with a red flag' in pages[1]
    assert "<h1>Audit log: Organisation A</h1>" in pages[2]
    assert "<strong>Red flag: said they intend or plan to end their life</strong>" in detail


def test_the_spanish_console_still_hides_other_organisations_requests(
    staff_client: StaffClient, spanish_supervisor: User, organisation_b: Organisation
) -> None:
    other = make_request(organisation_b)

    response = staff_client(spanish_supervisor).get(f"/staff/requests/{other.reference}")

    assert response.status_code == 404
    assert not AuditEvent.objects.exists()


@time_machine.travel(datetime.datetime(2026, 11, 30, 18, 5, tzinfo=datetime.UTC), tick=False)
def test_console_times_name_the_day_and_month_in_the_pages_language() -> None:
    moment = datetime.datetime(2026, 11, 30, 18, 5, tzinfo=datetime.UTC)

    with translation.override("es"):
        spanish = time_with_zone(moment)
    english = time_with_zone(moment)

    assert (english, spanish) == ("Mon 30 Nov 2026, 18:05 GMT", "lun 30 Nov 2026, 18:05 GMT")


def test_what_a_spanish_supervisor_records_is_stored_in_english(
    staff_client: StaffClient, spanish_supervisor: User, organisation_a: Organisation
) -> None:
    request = make_request(organisation_a)
    base = f"/staff/requests/{request.reference}"
    client = staff_client(spanish_supervisor)
    client.post(f"{base}/claim")

    client.post(f"{base}/close", {"outcome": "could-not-reach", "version": 1})

    closed = Activity.objects.get(kind="closed")
    assert closed.note == "Could not reach"
    assert "Cerró la solicitud: " in client.get(base).content.decode()
