"""Referrals as FHIR R4 over HTTP: a provider's own system works its inbox with a bearer token.

Every response is checked against fhir.resources, and every call against the database and the audit log.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.consent import Consent
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.servicerequest import ServiceRequest
from fhir.resources.R4B.task import Task

from tests.fhir.referrals import api_client, make_referral, token_for
from waypost.accounts.models import ApiClient, Organisation, OrganisationKind
from waypost.core.audit import AuditAction, AuditEvent
from waypost.fhir.identifiers import REASON_SYSTEM
from waypost.treatment.models import Referral, ReferralEvent

JSON_PATCH = "application/json-patch+json"


@pytest.fixture
def provider(db: None) -> Organisation:
    return Organisation.objects.create(
        name="North Clinic", slug="north-clinic", kind=OrganisationKind.TREATMENT_PROVIDER
    )


@pytest.fixture
def provider_client(provider: Organisation) -> Client:
    return api_client(token_for(provider))


@pytest.fixture
def referral(organisation_a: Organisation, provider: Organisation) -> Referral:
    return make_referral(organisation_a, provider)


@pytest.fixture
def other_referral(organisation_a: Organisation, organisation_b: Organisation) -> Referral:
    return make_referral(organisation_a, organisation_b, reference="R-0002")


def outcome_of(response: Any, status: int) -> str:
    assert response.status_code == status, response.content
    outcome: dict[str, Any] = response.json()
    OperationOutcome.model_validate(outcome)
    return str(outcome["issue"][0]["diagnostics"])


def patch(client: Client, reference: str, operations: Any, **headers: str) -> Any:
    body = operations if isinstance(operations, str) else json.dumps(operations)
    return client.patch(f"/fhir/Task/{reference}", data=body, content_type=JSON_PATCH, headers=headers)


def audit_rows() -> list[tuple[str, str, str, str]]:
    return [
        (event.action, event.request_reference, event.page, event.actor_name)
        for event in AuditEvent.objects.exclude(action=AuditAction.CREATED_API_CLIENT).order_by("pk")
    ]


def test_answers_a_request_without_a_token_with_401_and_a_bearer_challenge(
    member_of_the_public: Client, referral: Referral
) -> None:
    for path in ("/fhir/Task", "/fhir/Task/R-0001", "/fhir/ServiceRequest/R-0001", "/fhir/Consent/R-0001"):
        response = member_of_the_public.get(path)

        assert outcome_of(response, 401) == "Send a bearer token."
        assert response["WWW-Authenticate"] == "Bearer"
    assert outcome_of(
        patch(member_of_the_public, "R-0001", [{"op": "replace", "path": "/status", "value": "received"}]), 401
    )
    assert audit_rows() == []
    assert Referral.objects.get().status == "requested"


@pytest.mark.parametrize("header", ["Bearer wpt_not-a-real-token", "Bearer nonsense", "Basic dXNlcjpwYXNz"])
def test_refuses_a_wrong_token_with_401(referral: Referral, header: str) -> None:
    response = Client(headers={"Authorization": header}).get("/fhir/Task/R-0001")

    outcome_of(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert audit_rows() == []


def test_refuses_a_revoked_token_with_401(provider: Organisation, referral: Referral) -> None:
    token = token_for(provider)
    ApiClient.objects.update(revoked_at=datetime(2026, 11, 30, tzinfo=UTC))

    response = api_client(token).get("/fhir/Task/R-0001")

    assert outcome_of(response, 401) == "The bearer token is not valid or was revoked."
    assert response["WWW-Authenticate"] == 'Bearer realm="waypost", error="invalid_token"'


def test_lists_the_requested_tasks_the_client_owns_and_audits_each_one(
    provider_client: Client, provider: Organisation, organisation_a: Organisation, other_referral: Referral
) -> None:
    make_referral(organisation_a, provider, reference="R-0010")
    make_referral(organisation_a, provider, reference="R-0011", status="accepted")

    response = provider_client.get("/fhir/Task?owner=Organization/org-north-clinic&status=requested")

    bundle = response.json()
    Bundle.model_validate(bundle)
    assert [entry["resource"]["id"] for entry in bundle["entry"]] == ["R-0010"]
    assert bundle["total"] == 1
    assert bundle["entry"][0]["fullUrl"] == "http://testserver/fhir/Task/R-0010"
    assert audit_rows() == [("viewed-referral", "R-0010", "/fhir/Task", "API client Records system")]
    assert AuditEvent.objects.exclude(action=AuditAction.CREATED_API_CLIENT).get().organisation == provider
    assert ApiClient.objects.get().last_used_at is not None


def test_finds_no_tasks_for_another_organisation_as_owner(provider_client: Client, other_referral: Referral) -> None:
    bundle = provider_client.get("/fhir/Task?owner=Organization/org-organisation-b").json()

    Bundle.model_validate(bundle)
    assert bundle["total"] == 0
    assert "entry" not in bundle
    assert audit_rows() == []


def test_refuses_an_unknown_task_status_in_a_search(provider_client: Client) -> None:
    assert outcome_of(provider_client.get("/fhir/Task?status=lost"), 400).startswith("status: unknown code 'lost'")


def test_reads_the_task_of_a_referral_as_valid_r4(provider_client: Client, referral: Referral) -> None:
    response = provider_client.get("/fhir/Task/R-0001")

    task = response.json()
    Task.model_validate(task)
    assert response["ETag"] == 'W/"0"'
    assert task["status"] == "requested"
    assert task["intent"] == "order"
    assert task["focus"] == {"reference": "ServiceRequest/R-0001"}
    assert task["owner"] == {"reference": "Organization/org-north-clinic", "display": "North Clinic"}
    assert task["requester"] == {"reference": "Organization/org-organisation-a", "display": "Organisation A"}
    assert task["for"] == {"display": "Sam Example"}
    assert audit_rows() == [("viewed-referral", "R-0001", "/fhir/Task/R-0001", "API client Records system")]


def test_reads_the_service_request_with_only_what_the_person_agreed_to_share(
    provider_client: Client, organisation_a: Organisation, provider: Organisation
) -> None:
    make_referral(organisation_a, provider, reference="R-0020", shared_items="contact")

    request = provider_client.get("/fhir/ServiceRequest/R-0020").json()

    ServiceRequest.model_validate(request)
    assert request["status"] == "active"
    assert request["subject"] == {"display": "Name not shared"}
    assert request["performer"] == [{"reference": "Organization/org-north-clinic", "display": "North Clinic"}]
    assert request["code"]["coding"][0]["code"] == "outpatient"
    assert request["note"] == [{"text": "Sam Example, 07911 123456. Level of care: outpatient."}]
    assert request["supportingInfo"] == [{"reference": "Consent/R-0020"}]
    assert audit_rows() == [("viewed-referral", "R-0020", "/fhir/ServiceRequest/R-0020", "API client Records system")]


def test_reads_the_consent_naming_each_shared_item(provider_client: Client, referral: Referral) -> None:
    consent = provider_client.get("/fhir/Consent/R-0001").json()

    Consent.model_validate(consent)
    assert consent["dateTime"] == "2026-11-30T08:55:00+00:00"
    assert [code["coding"][0]["code"] for code in consent["provision"]["code"]] == ["name", "contact", "assessment"]
    assert consent["provision"]["type"] == "permit"
    assert audit_rows() == [("viewed-referral", "R-0001", "/fhir/Consent/R-0001", "API client Records system")]


@pytest.mark.parametrize("path", ["/fhir/Task/R-0002", "/fhir/ServiceRequest/R-0002", "/fhir/Consent/R-0002"])
def test_hides_another_organisations_referral_as_not_found(
    provider_client: Client, other_referral: Referral, path: str
) -> None:
    assert outcome_of(provider_client.get(path), 404).startswith("There is no ")
    assert audit_rows() == []


def test_refuses_to_patch_another_organisations_task_as_not_found(
    provider_client: Client, other_referral: Referral
) -> None:
    response = patch(provider_client, "R-0002", [{"op": "replace", "path": "/status", "value": "accepted"}])

    assert outcome_of(response, 404) == "There is no Task with id 'R-0002'."
    assert Referral.objects.get().status == "requested"
    assert ReferralEvent.objects.count() == 0
    assert audit_rows() == []


def test_accepts_a_referral_by_patching_the_task_status(provider_client: Client, referral: Referral) -> None:
    response = patch(provider_client, "R-0001", [{"op": "replace", "path": "/status", "value": "accepted"}])

    Task.model_validate(response.json())
    assert response.status_code == 200
    assert response.json()["status"] == "accepted"
    assert response["ETag"] == 'W/"1"'
    referral.refresh_from_db()
    assert (referral.status, referral.version) == ("accepted", 1)
    event = ReferralEvent.objects.get()
    assert (event.status_from, event.status_to, event.channel, event.actor_name) == (
        "requested",
        "accepted",
        "api",
        "API client Records system",
    )
    assert audit_rows() == [("updated-referral", "R-0001", "/fhir/Task/R-0001", "API client Records system")]


def test_declines_a_referral_with_a_coded_reason(provider_client: Client, referral: Referral) -> None:
    response = patch(
        provider_client,
        "R-0001",
        [
            {"op": "test", "path": "/status", "value": "requested"},
            {"op": "replace", "path": "/status", "value": "rejected"},
            {
                "op": "add",
                "path": "/statusReason",
                "value": {"coding": [{"system": REASON_SYSTEM, "code": "no-capacity"}]},
            },
            {"op": "add", "path": "/businessStatus", "value": {"text": "Waiting list closed"}},
        ],
    )

    assert response.status_code == 200, response.content
    task = response.json()
    Task.model_validate(task)
    assert task["statusReason"]["text"] == "No place available"
    referral.refresh_from_db()
    assert (referral.status, referral.reason_code, referral.status_reason) == (
        "rejected",
        "no-capacity",
        "No place available",
    )
    assert referral.business_status == "Waiting list closed"
    assert referral.ended_at is not None
    assert task["executionPeriod"] == {"end": referral.ended_at.isoformat()}


def test_books_an_intake_with_the_execution_period_start(
    provider_client: Client, organisation_a: Organisation, provider: Organisation
) -> None:
    make_referral(organisation_a, provider, reference="R-0030", status="accepted", version=4)

    response = patch(
        provider_client,
        "R-0030",
        [
            {"op": "replace", "path": "/status", "value": "in-progress"},
            {"op": "add", "path": "/executionPeriod", "value": {"start": "2026-12-03T10:30:00Z"}},
        ],
        If_Match='W/"4"',
    )

    assert response.status_code == 200, response.content
    referral = Referral.objects.get(reference="R-0030")
    assert (referral.status, referral.intake_at) == ("in-progress", datetime(2026, 12, 3, 10, 30, tzinfo=UTC))
    assert response.json()["executionPeriod"] == {"start": "2026-12-03T10:30:00+00:00"}


@pytest.mark.parametrize(
    ("operations", "message"),
    [
        (
            [{"op": "replace", "path": "/status", "value": "completed"}],
            "A referral that is requested cannot become completed.",
        ),
        ([{"op": "replace", "path": "/status", "value": "rejected"}], "Give a reason."),
        (
            [{"op": "replace", "path": "/status", "value": "cancelled"}],
            "A referral that is requested cannot become cancelled.",
        ),
        (
            [{"op": "replace", "path": "/businessStatus", "value": {"text": "Looked at"}}],
            "A referral that is requested cannot become requested.",
        ),
    ],
)
def test_refuses_a_move_the_life_cycle_forbids_with_422(
    provider_client: Client, referral: Referral, operations: list[dict[str, Any]], message: str
) -> None:
    response = patch(provider_client, "R-0001", operations)

    assert outcome_of(response, 422) == message
    referral.refresh_from_db()
    assert (referral.status, referral.version, referral.business_status) == ("requested", 0, "")
    assert ReferralEvent.objects.count() == 0
    assert audit_rows() == []


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ("{not json", 400, "The body is not valid JSON"),
        ({"op": "replace", "path": "/status", "value": "accepted"}, 400, "The body must be a JSON Patch"),
        ([], 400, "The body must be a JSON Patch"),
        (["replace"], 400, "Operation 0 must be an object"),
        ([{"op": "frobnicate", "path": "/status"}], 400, "Operation 0: op must be one of"),
        ([{"op": "replace", "path": "status", "value": "accepted"}], 400, "Operation 0: path must be a JSON Pointer"),
        ([{"op": "replace", "path": "/status"}], 400, "Operation 0: replace needs a value."),
        ([{"op": "move", "from": "/status", "path": "/status"}], 422, "Operation 0: move is not supported here"),
        ([{"op": "replace", "path": "/owner", "value": {}}], 422, "Operation 0: only status, statusReason"),
        ([{"op": "replace", "path": "/status", "value": "lost"}], 422, "status must be one of"),
        ([{"op": "remove", "path": "/status"}], 422, "status must be one of"),
        ([{"op": "replace", "path": "/statusReason/text", "value": "x"}], 422, "Operation 0: the path"),
        (
            [
                {"op": "replace", "path": "/status", "value": "rejected"},
                {"op": "add", "path": "/statusReason", "value": {"coding": [{"code": "boredom"}]}},
            ],
            422,
            "statusReason.coding must be one code of",
        ),
        (
            [
                {"op": "replace", "path": "/status", "value": "accepted"},
                {"op": "add", "path": "/executionPeriod", "value": {"start": "tomorrow"}},
            ],
            422,
            "executionPeriod.start must be a date and time",
        ),
        (
            [{"op": "add", "path": "/executionPeriod", "value": {"end": "2026-12-03T10:30:00Z"}}],
            422,
            "executionPeriod.end is set by Waypost",
        ),
        ([{"op": "test", "path": "/status", "value": "received"}], 409, "Operation 0: test failed"),
    ],
)
def test_answers_a_patch_it_cannot_apply_with_a_clear_outcome(
    provider_client: Client, referral: Referral, body: Any, status: int, message: str
) -> None:
    response = patch(provider_client, "R-0001", body)

    assert outcome_of(response, status).startswith(message)
    referral.refresh_from_db()
    assert (referral.status, referral.version) == ("requested", 0)
    assert ReferralEvent.objects.count() == 0


def test_refuses_a_patch_that_is_not_json_patch_with_415(provider_client: Client, referral: Referral) -> None:
    response = provider_client.patch(
        "/fhir/Task/R-0001",
        data='[{"op":"replace","path":"/status","value":"accepted"}]',
        content_type="application/json",
    )

    assert outcome_of(response, 415) == "Send the body as application/json-patch+json."
    assert Referral.objects.get().status == "requested"


def test_refuses_a_patch_made_on_an_old_version_with_409(provider_client: Client, referral: Referral) -> None:
    Referral.objects.update(version=3)
    operations = [{"op": "replace", "path": "/status", "value": "accepted"}]

    stale = patch(provider_client, "R-0001", operations, If_Match='W/"2"')
    malformed = patch(provider_client, "R-0001", operations, If_Match="yesterday")

    assert outcome_of(stale, 409) == "The Task has changed since that version. Read it again."
    assert outcome_of(malformed, 400).startswith("If-Match must be a version tag")
    assert Referral.objects.get().status == "requested"


def test_refuses_a_move_when_another_writer_won_the_race_with_409(
    provider_client: Client, referral: Referral, monkeypatch: pytest.MonkeyPatch
) -> None:
    from waypost.fhir import referral_views

    def stale_read(client: ApiClient, reference: str) -> Referral:
        found = Referral.objects.get(reference=reference)
        Referral.objects.filter(pk=found.pk).update(version=1, status="received")
        return found

    monkeypatch.setattr(referral_views, "get_referral_for_api_client", stale_read)

    response = patch(provider_client, "R-0001", [{"op": "replace", "path": "/status", "value": "accepted"}])

    assert outcome_of(response, 409).startswith("Someone else changed this referral")
    assert Referral.objects.get().status == "received"
    assert ReferralEvent.objects.count() == 0
