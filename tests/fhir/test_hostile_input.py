"""POST /fhir/QuestionnaireResponse/$extract under hostile input: always an OperationOutcome, never a 5xx."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from fhir.resources.R4B.operationoutcome import OperationOutcome

from tests.instruments.builders import answers_totalling, questionnaire_response

FHIR_JSON = "application/fhir+json"
EXTRACT = "/fhir/QuestionnaireResponse/$extract"
VALID = questionnaire_response("phq-9", answers_totalling("phq-9", 12))
VALID_JSON = json.dumps(VALID)
ABOVE_DJANGO_UPLOAD_LIMIT = 3 * 1024 * 1024


@pytest.fixture
def attacker() -> Client:
    """Sees a 500 as a response, not a test error, and has no CSRF token: as a real attacker would."""
    return Client(raise_request_exception=False, enforce_csrf_checks=True)


def post_raw(client: Client, data: bytes | str) -> Any:
    return client.post(EXTRACT, data=data, content_type=FHIR_JSON)


def nested_items(depth: int) -> str:
    """A valid response whose items nest `depth` groups deep, written out as text (json.dumps would recurse)."""
    innermost = '[{"linkId": "1", "answer": [{"valueCoding": {"code": "LA6568-5"}}]}]'
    items = '[{"linkId": "group", "item": ' * depth + innermost + "}]" * depth
    return VALID_JSON[:-1] + ', "item": ' + items + "}"


def outcome_of(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == f"{FHIR_JSON}; charset=utf-8"
    outcome: dict[str, Any] = response.json()
    OperationOutcome.model_validate(outcome)
    return outcome


@pytest.mark.parametrize(
    ("body", "diagnostics"),
    [
        pytest.param("[" * 5000 + "]" * 5000, "nested more than", id="5000-nested-arrays"),
        pytest.param(nested_items(900), "nested more than", id="response-900-deep"),
        pytest.param(VALID_JSON[:-1] + ', "x": ' + "9" * 5000 + "}", "longer than", id="integer-of-5000-digits"),
        pytest.param(VALID_JSON[:-1] + ', "x": -1e999}', "too large", id="number-too-large-for-a-float"),
        pytest.param(VALID_JSON[:-1] + ', "x": Infinity}', "not a JSON number", id="infinity-is-not-json"),
        pytest.param(json.dumps({**VALID, "subject": {"display": "\ud800"}}), "surrogate", id="lone-surrogate"),
        pytest.param(VALID_JSON[:-1].encode() + b', "x": "\xed\xa0\x80"}', "not UTF-8", id="lone-surrogate-as-bytes"),
        pytest.param(VALID_JSON[:-1].encode() + b', "x": "\xc3\x28"}', "not UTF-8", id="not-utf-8"),
        pytest.param(b"\xff\xfe" + VALID_JSON.encode("utf-16-le"), "not UTF-8", id="utf-16-with-a-byte-order-mark"),
    ],
)
def test_malformed_bodies_are_a_400_operation_outcome(attacker: Client, body: str | bytes, diagnostics: str) -> None:
    issue = outcome_of(post_raw(attacker, body), 400)["issue"][0]

    assert issue["code"] == "invalid"
    assert diagnostics in issue["diagnostics"]


@pytest.mark.parametrize(
    "parameter",
    [
        pytest.param(5, id="a-number"),
        pytest.param(None, id="null"),
        pytest.param({"name": "questionnaire-response", "resource": VALID}, id="an-object-not-a-list"),
        pytest.param("questionnaire-response", id="text"),
    ],
)
def test_parameters_whose_parameter_is_not_a_list_are_a_400(attacker: Client, parameter: Any) -> None:
    body = json.dumps({"resourceType": "Parameters", "parameter": parameter})

    issue = outcome_of(post_raw(attacker, body), 400)["issue"][0]

    assert issue["code"] == "invalid"
    assert "'parameter' must be a list" in issue["diagnostics"]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        pytest.param({**VALID, "item": "1"}, "invalid", id="item-as-text"),
        pytest.param({**VALID, "item": [{"linkId": "1", "answer": {"valueCoding": {}}}]}, "invalid", id="answer-obj"),
        pytest.param({**VALID, "questionnaire": ["phq-9"]}, "required", id="questionnaire-as-a-list"),
        pytest.param({**VALID, "subject": "Patient/1"}, "invalid", id="subject-as-text"),
        pytest.param({**VALID, "id": 12}, "invalid", id="id-as-a-number"),
    ],
)
def test_wrongly_shaped_responses_are_a_400(attacker: Client, body: dict[str, Any], code: str) -> None:
    issue = outcome_of(post_raw(attacker, json.dumps(body)), 400)["issue"][0]

    assert issue["code"] == code


def test_a_body_above_djangos_upload_limit_is_a_413_operation_outcome(attacker: Client) -> None:
    body = json.dumps({**VALID, "padding": "x" * ABOVE_DJANGO_UPLOAD_LIMIT})

    issue = outcome_of(post_raw(attacker, body), 413)["issue"][0]

    assert issue["code"] == "too-costly"


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_a_405_operation_outcome_with_an_allow_header(attacker: Client, method: str) -> None:
    response = getattr(attacker, method)(EXTRACT, data=VALID_JSON, content_type=FHIR_JSON)

    issue = outcome_of(response, 405)["issue"][0]
    assert response["Allow"] == "POST"
    assert issue["code"] == "not-supported"


@pytest.mark.parametrize("url", ["/fhir/Questionnaire", "/fhir/Questionnaire/phq-9"])
def test_questionnaires_answer_a_post_with_a_405_operation_outcome_not_a_csrf_page(attacker: Client, url: str) -> None:
    response = attacker.post(url, data=VALID_JSON, content_type=FHIR_JSON)

    issue = outcome_of(response, 405)["issue"][0]
    assert response["Allow"] == "GET, HEAD"
    assert issue["code"] == "not-supported"
