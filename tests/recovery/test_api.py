"""The recovery API for a phone app: code, token (wrong, expired, throttled), plan, check-ins, help now, isolation."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from tests.recovery.conftest import OTHER_PHONE, PHONE, enrol, latest_code
from waypost.accounts.models import Organisation, User
from waypost.recovery.check_ins import CheckInAnswers, to_response
from waypost.recovery.models import AccessToken, CheckIn, Enrolment, OutreachTask

pytestmark = pytest.mark.django_db

CALM = CheckInAnswers(
    craving=3, mood=4, has_used=False, amount="", bladder_symptoms=(), sleep=4, confidence=7,
    has_thoughts_of_ending_life=False, note="ok",
)  # fmt: skip


def post(client: Client, path: str, body: Any, token: str = "") -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(path, json.dumps(body), content_type="application/json", headers=headers)


def get(client: Client, path: str, token: str) -> Any:
    return client.get(path, headers={"Authorization": f"Bearer {token}"})


def token_for(contact: str = PHONE) -> str:
    client = Client()
    assert post(client, "/api/recovery/sign-in", {"contact": contact}).status_code == 202
    response = post(client, "/api/recovery/token", {"contact": contact, "code": latest_code()})
    assert response.status_code == 200
    return str(response.json()["access_token"])


def response_body(answers: CheckInAnswers = CALM) -> dict[str, Any]:
    return to_response(answers, authored=timezone.now())


@pytest.fixture
def two_tokens(
    enrolment: Enrolment, organisation_a: Organisation, triage_worker_a: User
) -> Callable[[], tuple[str, str]]:
    enrol(organisation_a, triage_worker_a, contact=OTHER_PHONE)
    return lambda: (token_for(PHONE), token_for(OTHER_PHONE))


def test_sign_in_answers_the_same_for_an_unknown_contact(enrolment: Enrolment) -> None:
    client = Client()
    known = post(client, "/api/recovery/sign-in", {"contact": PHONE})
    unknown = post(client, "/api/recovery/sign-in", {"contact": "+447400999999"})
    invalid = post(client, "/api/recovery/sign-in", {"contact": "nope"})

    assert (known.status_code, known.json()) == (202, {"status": "sent-if-enrolled"})
    assert (unknown.status_code, unknown.json()) == (202, {"status": "sent-if-enrolled"})
    assert invalid.status_code == 422
    assert "contact" in invalid.json()["errors"]


def test_token_is_a_bearer_with_expiry_and_only_its_hash_is_kept(enrolment: Enrolment) -> None:
    client = Client()
    post(client, "/api/recovery/sign-in", {"contact": PHONE})
    body = post(client, "/api/recovery/token", {"contact": PHONE, "code": latest_code()}).json()

    assert body["token_type"] == "Bearer"
    expires = datetime.datetime.fromisoformat(body["expires_at"])
    assert datetime.timedelta(days=29) < expires - timezone.now() <= datetime.timedelta(days=30)
    assert AccessToken.objects.get().token_hash != body["access_token"]


def test_wrong_code_is_401_with_a_clear_message(enrolment: Enrolment) -> None:
    client = Client()
    post(client, "/api/recovery/sign-in", {"contact": PHONE})
    wrong = "000000" if latest_code() != "000000" else "111111"
    response = post(client, "/api/recovery/token", {"contact": PHONE, "code": wrong})
    assert response.status_code == 401
    assert response.json() == {"errors": {"code": "That code is not right, or it was not sent to this contact"}}


def test_expired_code_is_401(enrolment: Enrolment) -> None:
    client = Client()
    post(client, "/api/recovery/sign-in", {"contact": PHONE})
    code = latest_code()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=20)):
        response = post(client, "/api/recovery/token", {"contact": PHONE, "code": code})
    assert response.status_code == 401
    assert "expired" in response.json()["errors"]["code"]


def test_five_wrong_codes_are_throttled(enrolment: Enrolment) -> None:
    client = Client()
    post(client, "/api/recovery/sign-in", {"contact": PHONE})
    code = latest_code()
    wrong = "999999" if code != "999999" else "888888"
    statuses = [post(client, "/api/recovery/token", {"contact": PHONE, "code": wrong}).status_code for _ in range(5)]
    assert statuses == [401, 401, 401, 401, 429]
    assert post(client, "/api/recovery/token", {"contact": PHONE, "code": code}).status_code == 429


def test_an_expired_token_is_refused(enrolment: Enrolment) -> None:
    token = token_for()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        response = get(Client(), "/api/recovery/plan", token)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="recovery"'


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/api/recovery/plan"), ("get", "/api/recovery/check-ins"), ("post", "/api/recovery/help-now")],
)
def test_every_person_endpoint_needs_a_token(method: str, path: str) -> None:
    response = getattr(Client(), method)(path, headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 401


def test_puts_and_gets_the_plan(enrolment: Enrolment) -> None:
    token = token_for()
    client = Client()
    saved = client.put(
        "/api/recovery/plan",
        json.dumps({"sections": {"reasons": "My kids", "people": "Sam"}}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    read = get(client, "/api/recovery/plan", token).json()
    unknown = client.put(
        "/api/recovery/plan",
        json.dumps({"sections": {"secrets": "x"}}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )

    assert saved.status_code == 200
    assert read["sections"]["reasons"] == "My kids"
    assert read["sections"]["triggers"] == ""
    assert unknown.status_code == 422
    assert unknown.json() == {"errors": {"sections.secrets": "Unknown section"}}


def test_posts_a_fhir_check_in_and_lists_it_with_weekly_figures(enrolment: Enrolment) -> None:
    token = token_for()
    created = post(Client(), "/api/recovery/check-ins", response_body(), token)
    listed = get(Client(), "/api/recovery/check-ins", token).json()

    assert created.status_code == 201
    assert created.json()["stop"] is None
    assert created.json()["resource"]["resourceType"] == "QuestionnaireResponse"
    assert len(listed["checkIns"]) == 1
    assert len(listed["weeks"]) == 12
    assert listed["weeks"][-1]["averageCraving"] == 3.0
    assert listed["daysWithoutUse"] == 1


def test_a_red_flag_check_in_says_stop_and_alerts_the_team(enrolment: Enrolment) -> None:
    token = token_for()
    answers = CheckInAnswers(**{**CALM.__dict__, "bladder_symptoms": ("unable-to-pass-urine",)})
    body = post(Client(), "/api/recovery/check-ins", response_body(answers), token).json()

    assert body["stop"] == {"flags": ["unable-to-pass-urine"], "emergencyNumber": "999"}
    assert list(OutreachTask.objects.values_list("trigger", flat=True)) == ["red-flag"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"resourceType": "Patient"}, "The body must be a QuestionnaireResponse"),
        ({"questionnaire": "https://example.org/Questionnaire/phq-9"}, "The questionnaire must be"),
        ({"status": "in-progress"}, "Only a completed QuestionnaireResponse can be saved"),
        ({"item": [{"linkId": "craving", "answer": [{"valueInteger": 11}]}]}, "craving needs a valueInteger from 0"),
        ({"item": "nothing"}, "item must be a list"),
    ],
)
def test_an_invalid_check_in_is_a_422_saying_why(enrolment: Enrolment, change: dict[str, Any], message: str) -> None:
    token = token_for()
    response = post(Client(), "/api/recovery/check-ins", {**response_body(), **change}, token)
    assert response.status_code == 422
    assert response.json()["errors"]["QuestionnaireResponse"].startswith(message)
    assert not CheckIn.objects.exists()


def test_help_now_gives_the_numbers_and_alerts_the_team(enrolment: Enrolment) -> None:
    body = post(Client(), "/api/recovery/help-now", {}, token_for()).json()
    assert body["emergency"]["href"] == "tel:999"
    assert body["alertedCareTeam"] is True
    assert body["crisisLines"]
    assert OutreachTask.objects.get().trigger == "help-now"


def test_another_persons_token_never_sees_this_persons_data(two_tokens: Callable[[], tuple[str, str]]) -> None:
    mine, theirs = two_tokens()
    client = Client()
    client.put(
        "/api/recovery/plan",
        json.dumps({"sections": {"reasons": "My kids"}}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {mine}"},
    )
    check_in_id = post(client, "/api/recovery/check-ins", response_body(), mine).json()["id"]

    assert get(client, f"/api/recovery/check-ins/{check_in_id}", mine).status_code == 200
    response = get(client, f"/api/recovery/check-ins/{check_in_id}", theirs)
    assert response.status_code == 404
    assert get(client, "/api/recovery/check-ins", theirs).json()["checkIns"] == []
    assert get(client, "/api/recovery/plan", theirs).json()["sections"]["reasons"] == ""
    assert get(client, "/api/recovery/check-ins/99999999999999999999", mine).status_code == 404


def test_the_endpoints_are_in_the_openapi_document(member_of_the_public: Client) -> None:
    paths = member_of_the_public.get("/api/openapi.json").json()["paths"]
    assert {path: sorted(operations) for path, operations in paths.items() if path.startswith("/api/recovery/")} == {
        "/api/recovery/sign-in": ["post"],
        "/api/recovery/token": ["post"],
        "/api/recovery/plan": ["get", "put"],
        "/api/recovery/check-ins": ["get", "post"],
        "/api/recovery/check-ins/{check_in_id}": ["get"],
        "/api/recovery/help-now": ["post"],
    }
