"""`$extract`: a scored QuestionnaireResponse becomes a valid FHIR R4 transaction Bundle of Observations."""

from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle

from tests.instruments.builders import answers_totalling, questionnaire_response
from waypost.fhir.mappers import ExtractionError, extract_observations
from waypost.instruments.terminology import SEVERAL_DAYS


def only_observation(bundle: dict[str, Any]) -> dict[str, Any]:
    [entry] = bundle["entry"]
    observation: dict[str, Any] = entry["resource"]
    return observation


def phq9_response(**fields: Any) -> dict[str, Any]:
    return questionnaire_response("phq-9", {**answers_totalling("phq-9", 10), "9": SEVERAL_DAYS}, **fields)


def test_extracts_a_valid_transaction_bundle_with_one_observation_per_score() -> None:
    bundle = extract_observations(phq9_response(id="qr-1", authored="2025-03-04T10:15:00Z"))
    Bundle.model_validate(bundle)
    [entry] = bundle["entry"]
    assert bundle["type"] == "transaction"
    assert entry["request"] == {"method": "POST", "url": "Observation"}
    assert entry["fullUrl"].startswith("urn:uuid:")


def test_records_the_total_under_its_loinc_code_with_the_band_as_interpretation() -> None:
    observation = only_observation(extract_observations(phq9_response(id="qr-1", authored="2025-03-04")))
    assert observation["status"] == "final"
    assert observation["code"]["coding"] == [
        {
            "system": "http://loinc.org",
            "code": "44261-6",
            "display": "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]",
        }
    ]
    assert observation["valueInteger"] == 11
    assert observation["interpretation"][0]["coding"] == [
        {
            "system": "https://waypost.example/fhir/CodeSystem/score-band",
            "code": "phq-9-moderate",
            "display": "Moderate symptoms of depression.",
        }
    ]
    assert observation["derivedFrom"] == [{"reference": "QuestionnaireResponse/qr-1"}]
    assert observation["effectiveDateTime"] == "2025-03-04"
    assert observation["category"][0]["coding"][0]["code"] == "survey"


@pytest.mark.parametrize(("questionnaire_id", "code"), [("dast-10", "82667-7"), ("gad-7", "70274-6")])
def test_uses_the_loinc_total_code_wherever_one_exists(questionnaire_id: str, code: str) -> None:
    response = questionnaire_response(questionnaire_id, answers_totalling(questionnaire_id, 3))
    observation = only_observation(extract_observations(response))
    assert observation["code"]["coding"][0]["code"] == code


def test_uses_a_waypost_code_for_our_own_checklists_and_the_given_base_url() -> None:
    response = questionnaire_response("ketamine-use-signs", answers_totalling("ketamine-use-signs", 4))
    bundle = extract_observations(response, base_url="https://care.example.org/fhir")
    Bundle.model_validate(bundle)
    observation = only_observation(bundle)
    assert observation["code"]["coding"][0]["system"] == "https://care.example.org/fhir/CodeSystem/score"
    assert observation["code"]["coding"][0]["code"] == "ketamine-use-signs-total"
    assert observation["interpretation"][0]["coding"][0]["code"] == "ketamine-use-signs-several"
    assert (
        observation["interpretation"][0]["coding"][0]["system"] == "https://care.example.org/fhir/CodeSystem/score-band"
    )


def test_explains_the_missing_sds_band_in_a_note_instead_of_an_interpretation() -> None:
    bundle = extract_observations(questionnaire_response("sds", answers_totalling("sds", 7)))
    Bundle.model_validate(bundle)
    observation = only_observation(bundle)
    assert "interpretation" not in observation
    assert "no agreed cut-off score for ketamine" in observation["note"][0]["text"]


def test_copies_the_subject_when_the_response_has_one() -> None:
    bundle = extract_observations(phq9_response(subject={"reference": "Patient/p-7"}))
    Bundle.model_validate(bundle)
    assert only_observation(bundle)["subject"] == {"reference": "Patient/p-7"}


def test_describes_a_response_that_has_no_id_because_nothing_is_stored() -> None:
    bundle = extract_observations(phq9_response())
    Bundle.model_validate(bundle)
    observation = only_observation(bundle)
    assert observation["derivedFrom"] == [
        {"type": "QuestionnaireResponse", "display": "The QuestionnaireResponse submitted to $extract"}
    ]
    assert "effectiveDateTime" not in observation
    assert "subject" not in observation


def test_extracts_the_same_bundle_from_the_same_response() -> None:
    assert extract_observations(phq9_response(id="a")) == extract_observations(phq9_response(id="a"))
    assert extract_observations(phq9_response(id="a")) != extract_observations(phq9_response(id="b"))


@pytest.mark.parametrize(
    ("response", "issue_code", "message"),
    [
        ({"resourceType": "Patient"}, "invalid", "$extract needs a QuestionnaireResponse resource."),
        (
            {"resourceType": "QuestionnaireResponse", "item": []},
            "required",
            "The QuestionnaireResponse must say which questionnaire it answers.",
        ),
        (
            {"resourceType": "QuestionnaireResponse", "questionnaire": "Questionnaire/audit", "status": "completed"},
            "not-found",
            "There is no questionnaire called 'audit'.",
        ),
        (
            questionnaire_response("phq-9", {"1": "LA6571-9"}),
            "incomplete",
            "The QuestionnaireResponse is not complete, so there is no total score to extract.",
        ),
        (
            questionnaire_response("phq-9", {}, item=[{"linkId": "1", "answer": [{"valueCoding": {"code": "x"}}]}]),
            "invalid",
            "'x' is not one of the answers to question '1' of 'phq-9'.",
        ),
        (phq9_response(id="not an id!"), "invalid", "The QuestionnaireResponse id is not a valid FHIR id."),
        (phq9_response(id=7), "invalid", "The QuestionnaireResponse id is not a valid FHIR id."),
        (
            phq9_response(subject="Patient/1"),
            "invalid",
            "The QuestionnaireResponse subject must be a Reference (reference, type or display).",
        ),
        (
            phq9_response(subject={"reference": "Patient/1", "colour": "red"}),
            "invalid",
            "The QuestionnaireResponse subject must be a Reference (reference, type or display).",
        ),
        (
            phq9_response(subject={}),
            "invalid",
            "The QuestionnaireResponse subject must be a Reference (reference, type or display).",
        ),
        (
            phq9_response(subject={"reference": []}),
            "invalid",
            "The QuestionnaireResponse subject's reference, type and display must be text.",
        ),
        (
            phq9_response(subject={"display": " "}),
            "invalid",
            "The QuestionnaireResponse subject's reference, type and display must be text.",
        ),
        (
            phq9_response(authored="yesterday"),
            "invalid",
            "The QuestionnaireResponse 'authored' is not a FHIR dateTime.",
        ),
        (
            phq9_response(authored=20250304),
            "invalid",
            "The QuestionnaireResponse 'authored' is not a FHIR dateTime.",
        ),
    ],
)
def test_explains_bad_input_with_an_operation_outcome_issue_code(
    response: dict[str, Any], issue_code: str, message: str
) -> None:
    with pytest.raises(ExtractionError) as raised:
        extract_observations(response)
    assert (raised.value.issue_code, str(raised.value)) == (issue_code, message)


@pytest.mark.parametrize(("response_status", "observation_status"), [("completed", "final"), ("amended", "amended")])
def test_carries_an_extractable_status_through_to_the_observation(
    response_status: str, observation_status: str
) -> None:
    observation = only_observation(extract_observations(phq9_response(status=response_status)))

    assert observation["status"] == observation_status


@pytest.mark.parametrize("response_status", ["entered-in-error", "in-progress", "stopped"])
def test_refuses_a_response_that_is_not_completed_or_amended(response_status: str) -> None:
    with pytest.raises(ExtractionError) as raised:
        extract_observations(phq9_response(status=response_status))

    assert raised.value.issue_code == "business-rule"
    assert raised.value.http_status == 422
    assert f"'{response_status}'" in str(raised.value)


@pytest.mark.parametrize(
    ("response_status", "issue_code"), [(None, "required"), ("final", "invalid"), (["completed"], "invalid")]
)
def test_refuses_a_missing_or_unknown_status(response_status: Any, issue_code: str) -> None:
    response = phq9_response(status=response_status)
    if response_status is None:
        del response["status"]

    with pytest.raises(ExtractionError) as raised:
        extract_observations(response)

    assert raised.value.issue_code == issue_code
    assert raised.value.http_status == 400
