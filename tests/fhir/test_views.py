"""The FHIR endpoints over HTTP: content type, valid resources, and OperationOutcome for every bad input."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client, override_settings
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.questionnaire import Questionnaire

from tests.instruments.builders import answers_totalling, questionnaire_response
from waypost.instruments.registry import list_questionnaire_ids

FHIR_JSON = "application/fhir+json"


def post_extract(client: Client, body: Any, content_type: str = FHIR_JSON) -> Any:
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post("/fhir/QuestionnaireResponse/$extract", data=data, content_type=content_type)


def outcome_of(response: Any) -> dict[str, Any]:
    outcome: dict[str, Any] = response.json()
    OperationOutcome.model_validate(outcome)
    return outcome


def test_lists_every_questionnaire_as_a_valid_searchset(member_of_the_public: Client) -> None:
    response = member_of_the_public.get("/fhir/Questionnaire")

    bundle = response.json()
    Bundle.model_validate(bundle)
    assert response["Content-Type"] == f"{FHIR_JSON}; charset=utf-8"
    assert bundle["type"] == "searchset"
    assert [entry["resource"]["id"] for entry in bundle["entry"]] == list(list_questionnaire_ids())
    assert [entry["fullUrl"] for entry in bundle["entry"]] == [
        f"http://testserver/fhir/Questionnaire/{questionnaire_id}" for questionnaire_id in list_questionnaire_ids()
    ]


@pytest.mark.parametrize("questionnaire_id", list_questionnaire_ids())
def test_reads_each_questionnaire(member_of_the_public: Client, questionnaire_id: str) -> None:
    response = member_of_the_public.get(f"/fhir/Questionnaire/{questionnaire_id}")

    assert response.status_code == 200
    assert Questionnaire.model_validate(response.json()).id == questionnaire_id


def test_unknown_questionnaire_is_a_404_operation_outcome(member_of_the_public: Client) -> None:
    response = member_of_the_public.get("/fhir/Questionnaire/no-such-thing")

    assert response.status_code == 404
    assert outcome_of(response)["issue"][0]["code"] == "not-found"


@override_settings(DISABLED_INSTRUMENTS=frozenset({"dast-10"}))
def test_switched_off_questionnaire_is_neither_listed_nor_read(member_of_the_public: Client) -> None:
    listed = [entry["resource"]["id"] for entry in member_of_the_public.get("/fhir/Questionnaire").json()["entry"]]

    assert "dast-10" not in listed
    assert member_of_the_public.get("/fhir/Questionnaire/dast-10").status_code == 404


def test_extract_returns_a_bundle_with_the_total_and_stores_nothing(member_of_the_public: Client) -> None:
    response = post_extract(member_of_the_public, questionnaire_response("phq-9", answers_totalling("phq-9", 12)))

    bundle = response.json()
    Bundle.model_validate(bundle)
    [entry] = bundle["entry"]
    assert response.status_code == 200
    assert entry["resource"]["valueInteger"] == 12
    assert entry["resource"]["code"]["coding"][0]["code"] == "44261-6"


def test_extract_accepts_a_parameters_resource(member_of_the_public: Client) -> None:
    parameters = {
        "resourceType": "Parameters",
        "parameter": [
            {
                "name": "questionnaire-response",
                "resource": questionnaire_response("gad-7", answers_totalling("gad-7", 5)),
            }
        ],
    }

    response = post_extract(member_of_the_public, parameters)

    assert response.status_code == 200
    assert response.json()["entry"][0]["resource"]["valueInteger"] == 5


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        ("{not json", "invalid", "not valid JSON"),
        ([1, 2, 3], "invalid", "must be a QuestionnaireResponse"),
        ({"resourceType": "Parameters", "parameter": []}, "required", "no 'questionnaire-response'"),
        ({"resourceType": "QuestionnaireResponse", "status": "completed"}, "required", "name its questionnaire"),
    ],
)
def test_extract_explains_bad_input(member_of_the_public: Client, body: Any, code: str, message: str) -> None:
    response = post_extract(member_of_the_public, body)

    issue = outcome_of(response)["issue"][0]
    assert response.status_code == 400
    assert issue["code"] == code
    assert message in issue["diagnostics"]


def test_extract_names_an_unknown_link_id(member_of_the_public: Client) -> None:
    body = questionnaire_response("phq-9", answers_totalling("phq-9", 3))
    body["item"].append({"linkId": "99", "answer": [{"valueCoding": {"code": "LA6568-5"}}]})

    response = post_extract(member_of_the_public, body)

    assert response.status_code == 400
    assert "99" in outcome_of(response)["issue"][0]["diagnostics"]


def test_extract_refuses_other_content_types(member_of_the_public: Client) -> None:
    response = post_extract(member_of_the_public, "a=b", content_type="application/x-www-form-urlencoded")

    assert response.status_code == 415
    assert outcome_of(response)["issue"][0]["code"] == "not-supported"


def test_extract_refuses_huge_bodies(member_of_the_public: Client) -> None:
    response = post_extract(member_of_the_public, json.dumps({"padding": "x" * 300_000}))

    assert response.status_code == 413


@override_settings(DISABLED_INSTRUMENTS=frozenset({"sds"}))
def test_extract_refuses_a_switched_off_questionnaire(member_of_the_public: Client) -> None:
    response = post_extract(member_of_the_public, questionnaire_response("sds", answers_totalling("sds", 4)))

    assert response.status_code == 400
    assert outcome_of(response)["issue"][0]["code"] == "not-found"


def test_extract_rejects_get(member_of_the_public: Client) -> None:
    assert member_of_the_public.get("/fhir/QuestionnaireResponse/$extract").status_code == 405


def test_extract_refuses_a_response_entered_in_error_with_a_422(member_of_the_public: Client) -> None:
    body = questionnaire_response("phq-9", answers_totalling("phq-9", 12), status="entered-in-error")

    response = post_extract(member_of_the_public, body)

    issue = outcome_of(response)["issue"][0]
    assert response.status_code == 422
    assert issue["code"] == "business-rule"
    assert "entered-in-error" in issue["diagnostics"]
