"""SDC `$extract` for Waypost scores: a QuestionnaireResponse in, a Bundle of Observations out.

Pure functions with no Django imports; the view turns `ExtractionError` into an OperationOutcome.
Nothing is stored: the caller decides whether to submit the Bundle.
"""

import json
import re
import uuid
from collections.abc import Mapping
from typing import Any

from waypost.instruments.definitions import Coding, Instrument
from waypost.instruments.errors import InstrumentError, UnknownQuestionnaire
from waypost.instruments.registry import get_instrument
from waypost.instruments.responses import questionnaire_id_from_canonical
from waypost.instruments.scoring import Score, score_questionnaire_response
from waypost.instruments.terminology import DEFAULT_FHIR_BASE_URL, LOINC_SYSTEM

OBSERVATION_CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category"
# The FHIR R4 regular expressions for the `dateTime` and `id` datatypes.
FHIR_DATE_TIME = re.compile(
    r"([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])"
    r"(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?"
)
FHIR_ID = re.compile(r"[A-Za-z0-9\-\.]{1,64}")
# Only a finished response has a score worth recording; its status carries through to the Observation.
OBSERVATION_STATUS_BY_RESPONSE_STATUS = {"completed": "final", "amended": "amended"}
REFERENCE_PARTS = frozenset({"reference", "type", "display"})
RESPONSE_STATUSES = frozenset({"in-progress", "completed", "amended", "entered-in-error", "stopped"})


class ExtractionError(ValueError):
    """The response cannot be extracted; `issue_code` is the matching OperationOutcome issue type."""

    def __init__(self, message: str, issue_code: str = "invalid", http_status: int = 400) -> None:
        super().__init__(message)
        self.issue_code = issue_code
        self.http_status = http_status


def extract_observations(response: Mapping[str, Any], *, base_url: str = DEFAULT_FHIR_BASE_URL) -> dict[str, Any]:
    """One Observation per score, in a transaction Bundle.

    SDC defines the `$extract` result as a single resource or a *transaction* Bundle, so a client can
    POST it straight to a FHIR server; a `collection` would need rewrapping before it could be saved.
    """
    questionnaire_id = questionnaire_id_of(response)
    status = observation_status_for(response)
    score = score_for_extraction(questionnaire_id, response)
    observation = score_observation(get_instrument(questionnaire_id), score, response, base_url, status=status)
    return transaction_bundle([observation], seed=json.dumps(response, sort_keys=True, default=str))


def questionnaire_id_of(response: Mapping[str, Any]) -> str:
    if not isinstance(response, Mapping) or response.get("resourceType") != "QuestionnaireResponse":
        raise ExtractionError("$extract needs a QuestionnaireResponse resource.")
    canonical = response.get("questionnaire")
    if not isinstance(canonical, str):
        raise ExtractionError("The QuestionnaireResponse must say which questionnaire it answers.", "required")
    return questionnaire_id_from_canonical(canonical)


def observation_status_for(response: Mapping[str, Any]) -> str:
    """A response entered in error, stopped or still in progress is refused rather than recorded as final."""
    status = response.get("status")
    if status is None:
        raise ExtractionError("The QuestionnaireResponse must have a status.", "required")
    if not isinstance(status, str) or status not in RESPONSE_STATUSES:
        raise ExtractionError("The QuestionnaireResponse status is not a QuestionnaireResponse status code.")
    if status not in OBSERVATION_STATUS_BY_RESPONSE_STATUS:
        raise ExtractionError(
            f"Only a completed or amended QuestionnaireResponse can be extracted; this one is '{status}'.",
            "business-rule",
            http_status=422,
        )
    return OBSERVATION_STATUS_BY_RESPONSE_STATUS[status]


def score_for_extraction(questionnaire_id: str, response: Mapping[str, Any]) -> Score:
    try:
        score = score_questionnaire_response(questionnaire_id, response)
    except UnknownQuestionnaire as error:
        raise ExtractionError(str(error), "not-found") from error
    except InstrumentError as error:
        raise ExtractionError(str(error)) from error
    if not score.complete:
        raise ExtractionError(
            "The QuestionnaireResponse is not complete, so there is no total score to extract.", "incomplete"
        )
    return score


def score_observation(
    instrument: Instrument, score: Score, response: Mapping[str, Any], base_url: str, *, status: str
) -> dict[str, Any]:
    observation: dict[str, Any] = {
        "resourceType": "Observation",
        "status": status,
        "category": [{"coding": [{"system": OBSERVATION_CATEGORY_SYSTEM, "code": "survey", "display": "Survey"}]}],
        "code": {"coding": [total_coding(instrument, base_url)], "text": f"{instrument.title}: total score"},
        "valueInteger": score.total,
        "derivedFrom": [response_reference(response)],
    }
    observation.update(subject_of(response))
    observation.update(effective_time_of(response))
    observation.update(interpretation_of(score, base_url))
    return observation


def total_coding(instrument: Instrument, base_url: str) -> dict[str, str]:
    loinc = next((coding for coding in instrument.total_codes if coding.system == LOINC_SYSTEM), None)
    if loinc is not None:
        return coding_json(loinc)
    return {
        "system": f"{base_url}/CodeSystem/score",
        "code": f"{instrument.questionnaire_id}-total",
        "display": f"{instrument.title}: total score",
    }


def coding_json(coding: Coding) -> dict[str, str]:
    as_json = {"system": coding.system, "code": coding.code}
    if coding.display:
        as_json["display"] = coding.display
    return as_json


def interpretation_of(score: Score, base_url: str) -> dict[str, Any]:
    # Instruments without a validated cut-off (the SDS for ketamine) keep their explanation as a note.
    if score.band is None:
        return {"note": [{"text": score.band_label}]} if score.band_label else {}
    coding = {
        "system": f"{base_url}/CodeSystem/score-band",
        "code": f"{score.questionnaire}-{score.band}",
        "display": score.band_label,
    }
    return {"interpretation": [{"coding": [coding], "text": score.band_label}]}


def response_reference(response: Mapping[str, Any]) -> dict[str, Any]:
    """Point at the stored response when it has an id; otherwise say what it was, since nothing is stored."""
    response_id = response.get("id")
    if response_id is not None:
        if not isinstance(response_id, str) or not FHIR_ID.fullmatch(response_id):
            raise ExtractionError("The QuestionnaireResponse id is not a valid FHIR id.")
        return {"reference": f"QuestionnaireResponse/{response_id}"}
    return {"type": "QuestionnaireResponse", "display": "The QuestionnaireResponse submitted to $extract"}


def subject_of(response: Mapping[str, Any]) -> dict[str, Any]:
    """Copied into the Observation, so only the Reference parts a FHIR server will accept, each non-blank text."""
    subject = response.get("subject")
    if subject is None:
        return {}
    if not isinstance(subject, Mapping) or not subject or not set(subject) <= REFERENCE_PARTS:
        raise ExtractionError("The QuestionnaireResponse subject must be a Reference (reference, type or display).")
    if not all(isinstance(part, str) and part.strip() for part in subject.values()):
        raise ExtractionError("The QuestionnaireResponse subject's reference, type and display must be text.")
    return {"subject": dict(subject)}


def effective_time_of(response: Mapping[str, Any]) -> dict[str, Any]:
    authored = response.get("authored")
    if authored is None:
        return {}
    if not isinstance(authored, str) or not FHIR_DATE_TIME.fullmatch(authored):
        raise ExtractionError("The QuestionnaireResponse 'authored' is not a FHIR dateTime.")
    return {"effectiveDateTime": authored}


def transaction_bundle(resources: list[dict[str, Any]], *, seed: str) -> dict[str, Any]:
    # Deterministic ids: the same response always extracts to the same Bundle.
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, seed)
    return {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {
                "fullUrl": f"urn:uuid:{uuid.uuid5(namespace, str(position))}",
                "resource": resource,
                "request": {"method": "POST", "url": resource["resourceType"]},
            }
            for position, resource in enumerate(resources)
        ],
    }
