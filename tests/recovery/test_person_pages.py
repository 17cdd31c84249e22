"""The person's own space: plan, check-in as FHIR, the stop page on a red flag, trends, help now, their data."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.utils import timezone

from tests.recovery.conftest import OTHER_PHONE, enrol
from waypost.accounts.models import Organisation, User
from waypost.notifications.models import OutboundMessage, Status
from waypost.recovery.check_ins import CheckInAnswers
from waypost.recovery.models import CheckIn, Enrolment, OutreachTask, Plan, SignInCode
from waypost.recovery.services import record_check_in

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db

CALM = {
    "craving": "2",
    "mood": "4",
    "used": "no",
    "amount": "",
    "sleep": "4",
    "confidence": "8",
    "thoughts": "no",
    "note": "A good week",
}
PERSON_PAGES = (
    "/recovery/",
    "/recovery/plan",
    "/recovery/plan/change",
    "/recovery/check-in",
    "/recovery/checked-in",
    "/recovery/trends",
    "/recovery/trends?weeks=12",
    "/recovery/sharing",
    "/recovery/reminders",
    "/recovery/recovery-phrase",
    "/recovery/your-data",
    "/recovery/your-data/delete",
)


def check_in(client: Client, **changes: object) -> TestResponse:
    return client.post("/recovery/check-in", {**CALM, **changes})


@pytest.mark.parametrize("path", PERSON_PAGES)
def test_every_page_has_exit_help_now_and_says_nothing_revealing(person: Client, path: str) -> None:
    check_in(person)
    response = person.get(path)
    html = response.content.decode()

    assert response.status_code == 200
    assert "Exit this page" in html
    assert 'action="/recovery/help-now"' in html
    assert "<script>" not in html
    assert " style=" not in html
    for word in ("ketamine", "addiction", "addict"):
        assert word not in html.lower(), path


@pytest.mark.parametrize("path", [*PERSON_PAGES[1:], "/recovery/your-data/download"])
def test_pages_need_a_signed_in_person(path: str) -> None:
    response = Client().get(path)
    assert (response.status_code, response["Location"]) == (302, "/recovery/sign-in")


def test_saves_and_shows_the_plan_encrypted(person: Client, enrolment: Enrolment) -> None:
    response = person.post("/recovery/plan/change", {"reasons": "My kids", "people": "Sam 07400 111222"})
    page = person.get("/recovery/plan").content.decode()

    assert response["Location"] == "/recovery/plan"
    assert "My kids" in page
    assert "Sam 07400 111222" in page
    assert "Crisis lines" in page
    assert json.loads(Plan.objects.get(enrolment=enrolment).sections)["reasons"] == "My kids"
    with connection.cursor() as cursor:
        cursor.execute("SELECT sections FROM recovery_plan")
        (stored,) = cursor.fetchone()
    assert "My kids" not in stored


def test_stores_a_check_in_as_a_fhir_questionnaire_response(person: Client, enrolment: Enrolment) -> None:
    response = check_in(person, used="yes", amount="a little", bladder=["sudden-urges"])
    stored = json.loads(CheckIn.objects.get(enrolment=enrolment).response)
    items = {item["linkId"]: item for item in stored["item"]}

    assert response.status_code == 302
    assert response["Location"] == "/recovery/checked-in"
    assert stored["resourceType"] == "QuestionnaireResponse"
    assert stored["questionnaire"].endswith("/Questionnaire/recovery-check-in")
    assert stored["status"] == "completed"
    assert items["craving"]["answer"] == [{"valueInteger": 2}]
    assert items["used"]["answer"][0]["valueCoding"] == {
        "system": "http://loinc.org",
        "code": "LA33-6",
        "display": "Yes",
    }
    assert items["amount"]["answer"] == [{"valueString": "a little"}]
    bladder = {item["linkId"]: item["answer"][0]["valueBoolean"] for item in items["bladder"]["item"]}
    assert bladder["sudden-urges"] is True
    assert bladder["blood-in-urine"] is False
    assert Enrolment.objects.get(pk=enrolment.pk).last_check_in_at is not None


def test_the_questionnaire_is_served_as_fhir(member_of_the_public: Client) -> None:
    response = member_of_the_public.get("/fhir/Questionnaire/recovery-check-in")
    body = response.json()
    link_ids = [item["linkId"] for item in body["item"]]

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    assert (body["resourceType"], body["id"]) == ("Questionnaire", "recovery-check-in")
    assert link_ids == [
        "craving", "mood", "used", "amount", "bladder", "sleep", "confidence", "thoughts-of-ending-life", "note"
    ]  # fmt: skip
    codes = json.dumps(body)
    assert sorted(set(__import__("re").findall(r'"code": "([^"]+)"', codes))) == ["LA32-8", "LA33-6"]


def test_an_incomplete_check_in_shows_errors_and_stores_nothing(person: Client) -> None:
    response = person.post("/recovery/check-in", {"craving": "5"})
    html = response.content.decode()

    assert response.status_code == 200
    assert "Error: Check in" in html
    assert "Select how your mood has been" in html
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize(
    ("changes", "heading"),
    [
        ({"bladder": ["blood-in-urine"]}, "See a doctor today"),
        ({"bladder": ["unable-to-pass-urine"]}, "Stop and call 999 now"),
        ({"thoughts": "yes"}, "Samaritans"),
    ],
)
def test_a_red_flag_shows_the_stop_and_call_page_at_once(
    person: Client, enrolment: Enrolment, changes: dict[str, object], heading: str
) -> None:
    response = check_in(person, **changes)
    html = response.content.decode()

    assert response.status_code == 200
    assert heading in html
    assert "Your check-in is saved." in html
    assert CheckIn.objects.count() == 1
    assert list(OutreachTask.objects.values_list("trigger", flat=True)) == ["red-flag"]


def test_without_consent_a_red_flag_still_stops_but_tells_no_one(
    organisation_a: Organisation, triage_worker_a: User, signed_in: Callable[[str], Client]
) -> None:
    enrol(organisation_a, triage_worker_a, contact=OTHER_PHONE, shares=False)
    client = signed_in(OTHER_PHONE)
    response = check_in(client, bladder=["unable-to-pass-urine"])
    assert "Stop and call 999 now" in response.content.decode()
    assert not OutreachTask.objects.exists()


def test_a_lapse_is_met_with_the_plan_not_a_reset(person: Client) -> None:
    check_in(person)
    check_in(person, used="yes")
    page = person.get("/recovery/checked-in").content.decode()
    assert "they all still count" in page
    assert 'href="/recovery/plan"' in page


def test_trends_show_svg_and_the_same_figures_as_a_table(person: Client) -> None:
    check_in(person, craving="7")
    check_in(person, craving="3", used="yes", bladder=["sudden-urges"])
    four = person.get("/recovery/trends").content.decode()
    twelve = person.get("/recovery/trends?weeks=12").content.decode()

    assert four.count("<svg") == 4
    assert four.count("<tr>") == 1 + 4
    assert twelve.count("<tr>") == 1 + 12
    assert "<td>2</td><td>5.0</td><td>4.0</td><td>1</td><td>1</td>" in four
    assert "<polyline" in four
    assert 'role="img"' in four


def test_help_now_shows_who_to_call_and_alerts_the_team(person: Client, enrolment: Enrolment) -> None:
    person.post("/recovery/plan/change", {"people": "Sam 07400 111222"})
    response = person.post("/recovery/help-now")
    html = response.content.decode()

    assert response.status_code == 200
    assert 'href="tel:999"' in html
    assert "Sam 07400 111222" in html
    assert "We have told your care team" in html
    task = OutreachTask.objects.get()
    assert (task.trigger, task.risk, task.organisation_id) == ("help-now", 1, enrolment.organisation_id)


def test_help_now_without_consent_alerts_no_one(person: Client, enrolment: Enrolment) -> None:
    person.post("/recovery/sharing", {"shares": "no"})
    html = person.post("/recovery/help-now").content.decode()
    assert "We have told your care team" not in html
    assert not OutreachTask.objects.exists()


def test_withdrawing_consent_removes_open_tasks(person: Client, enrolment: Enrolment) -> None:
    person.post("/recovery/help-now")
    person.post("/recovery/sharing", {"shares": "no"})
    assert not Enrolment.objects.get(pk=enrolment.pk).shares_with_care_team
    assert not OutreachTask.objects.exists()


def test_download_holds_everything_with_fhir_check_ins(person: Client, enrolment: Enrolment) -> None:
    person.post("/recovery/plan/change", {"reasons": "My kids"})
    check_in(person)
    response = person.get("/recovery/your-data/download")
    body = json.loads(response.content)

    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    assert body["reference"] == enrolment.reference
    assert body["plan"]["reasons"] == "My kids"
    assert body["checkIns"]["resourceType"] == "Bundle"
    assert body["checkIns"]["entry"][0]["resource"]["resourceType"] == "QuestionnaireResponse"


def test_your_data_shows_everything_held(person: Client) -> None:
    person.post("/recovery/plan/change", {"triggers": "Friday nights"})
    check_in(person, note="Saw my sister")
    html = person.get("/recovery/your-data").content.decode()
    assert "+447400123456" in html
    assert "Friday nights" in html
    assert "Saw my sister" in html


def test_delete_removes_everything_and_erases_messages(person: Client, enrolment: Enrolment) -> None:
    person.post("/recovery/plan/change", {"reasons": "My kids"})
    check_in(person)
    person.post("/recovery/help-now")
    response = person.post("/recovery/your-data/delete")

    assert response.status_code == 200
    assert "Your data has been deleted" in response.content.decode()
    for model in (Enrolment, Plan, CheckIn, OutreachTask, SignInCode):
        assert not model.objects.exists(), model
    for message in OutboundMessage.objects.filter(reference=enrolment.reference):
        assert (message.recipient, message.body) == ("", "")
        assert message.status in (Status.CANCELLED, Status.SENT, Status.FAILED)
    assert person.get("/recovery/plan")["Location"] == "/recovery/sign-in"


def test_another_person_never_sees_this_persons_data(
    person: Client, organisation_a: Organisation, triage_worker_a: User, signed_in: Callable[[str], Client]
) -> None:
    person.post("/recovery/plan/change", {"reasons": "My kids"})
    check_in(person, note="Private note")
    enrol(organisation_a, triage_worker_a, contact=OTHER_PHONE)
    other = signed_in(OTHER_PHONE)

    for path in ("/recovery/plan", "/recovery/your-data", "/recovery/trends", "/recovery/your-data/download"):
        html = other.get(path).content.decode()
        assert "My kids" not in html, path
        assert "Private note" not in html, path
    other.post("/recovery/your-data/delete")
    assert CheckIn.objects.count() == 1
    assert Plan.objects.count() == 1


@pytest.mark.parametrize("path", PERSON_PAGES)
def test_pages_with_the_sign_out_form_let_the_browser_name_this_site(person: Client, path: str) -> None:
    check_in(person)
    assert person.get(path)["Referrer-Policy"] == "same-origin"


def test_signing_out_and_deleting_clear_the_offline_plan_from_the_device(person: Client) -> None:
    assert person.post("/recovery/sign-out")["Clear-Site-Data"] == '"cache", "storage"'
    assert person.get("/recovery/signed-out")["Clear-Site-Data"] == '"cache", "storage"'


def test_the_offline_worker_touches_only_the_plan_page(member_of_the_public: Client) -> None:
    response = member_of_the_public.get("/recovery/offline-plan-worker.js")
    script = response.content.decode()
    assert response["Content-Type"] == "text/javascript"
    assert 'var PLAN = "/recovery/plan";' in script
    assert "url.pathname !== PLAN) { return; }" in script
    assert script.count("cache.put(") == 1


def test_trends_read_only_the_weeks_they_show(person: Client, enrolment: Enrolment) -> None:
    for weeks_ago, craving in ((6, 9), (13, 1)):
        with time_machine.travel(timezone.now() - datetime.timedelta(weeks=weeks_ago)):
            record_check_in(enrolment=enrolment, answers=CheckInAnswers(
                craving=craving, mood=3, has_used=False, amount="", bladder_symptoms=(), sleep=3, confidence=5,
                has_thoughts_of_ending_life=False, note="",
            ))  # fmt: skip
    four = person.get("/recovery/trends").content.decode()
    twelve = person.get("/recovery/trends?weeks=12").content.decode()

    assert "<td>9.0</td>" not in four
    assert "<td>9.0</td>" in twelve
    assert "<td>1.0</td>" not in twelve
