"""A check-in as a FHIR QuestionnaireResponse of `recovery-check-in`, and back to figures. No Django.

Only Yes/No answers carry LOINC codes (LA33-6, LA32-8): no LOINC code fits the other questions, so none is made up.
"""

from __future__ import annotations

import copy
import datetime
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from waypost.instruments.terminology import LOINC_SYSTEM, NO, YES
from waypost.recovery.rules import BLADDER_LINK_IDS, SAFETY_LINK_ID, CheckInFigures

QUESTIONNAIRE_ID = "recovery-check-in"
QUESTIONNAIRE_URL = f"https://waypost.example/fhir/Questionnaire/{QUESTIONNAIRE_ID}"


@cache
def load_questionnaire() -> dict[str, Any]:
    path = resources.files("waypost.recovery") / "questionnaires" / f"{QUESTIONNAIRE_ID}.json"
    questionnaire: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return questionnaire


def questionnaire() -> dict[str, Any]:
    """A deep copy, so a caller may rewrite the canonical URL."""
    return copy.deepcopy(load_questionnaire())


@dataclass(frozen=True)
class CheckInAnswers:
    craving: int
    mood: int
    has_used: bool
    amount: str
    bladder_symptoms: tuple[str, ...]
    sleep: int
    confidence: int
    has_thoughts_of_ending_life: bool
    note: str


def yes_no(value: bool) -> dict[str, Any]:
    code = YES if value else NO
    return {"valueCoding": {"system": LOINC_SYSTEM, "code": code, "display": "Yes" if value else "No"}}


def to_response(answers: CheckInAnswers, *, authored: datetime.datetime) -> dict[str, Any]:
    items: list[dict[str, Any]] = [
        {"linkId": "craving", "answer": [{"valueInteger": answers.craving}]},
        {"linkId": "mood", "answer": [{"valueInteger": answers.mood}]},
        {"linkId": "used", "answer": [yes_no(answers.has_used)]},
    ]
    if answers.has_used and answers.amount:
        items.append({"linkId": "amount", "answer": [{"valueString": answers.amount}]})
    bladder = [
        {"linkId": link_id, "answer": [{"valueBoolean": link_id in answers.bladder_symptoms}]}
        for link_id in BLADDER_LINK_IDS
    ]
    items += [
        {"linkId": "bladder", "item": bladder},
        {"linkId": "sleep", "answer": [{"valueInteger": answers.sleep}]},
        {"linkId": "confidence", "answer": [{"valueInteger": answers.confidence}]},
        {"linkId": SAFETY_LINK_ID, "answer": [yes_no(answers.has_thoughts_of_ending_life)]},
    ]
    if answers.note:
        items.append({"linkId": "note", "answer": [{"valueString": answers.note}]})
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": QUESTIONNAIRE_URL,
        "status": "completed",
        "authored": authored.isoformat(),
        "item": items,
    }


def answer_of(items: list[dict[str, Any]], link_id: str) -> Any:
    for item in items:
        if item.get("linkId") == link_id and item.get("answer"):
            first = item["answer"][0]
            return first.get(
                "valueInteger", first.get("valueString", first.get("valueBoolean", first.get("valueCoding")))
            )
    return None


def from_response(response: dict[str, Any]) -> CheckInAnswers:
    """The answers back from a stored response (which this module wrote, so its shape is known)."""
    items = response["item"]
    bladder_items: list[dict[str, Any]] = next((item["item"] for item in items if item.get("linkId") == "bladder"), [])
    return CheckInAnswers(
        craving=int(answer_of(items, "craving")),
        mood=int(answer_of(items, "mood")),
        has_used=answer_of(items, "used")["code"] == YES,
        amount=answer_of(items, "amount") or "",
        bladder_symptoms=tuple(link_id for link_id in BLADDER_LINK_IDS if answer_of(bladder_items, link_id) is True),
        sleep=int(answer_of(items, "sleep")),
        confidence=int(answer_of(items, "confidence")),
        has_thoughts_of_ending_life=answer_of(items, SAFETY_LINK_ID)["code"] == YES,
        note=answer_of(items, "note") or "",
    )


def figures_of(answers: CheckInAnswers, day: datetime.date) -> CheckInFigures:
    return CheckInFigures(
        day=day,
        craving=answers.craving,
        has_used=answers.has_used,
        bladder_symptoms=answers.bladder_symptoms,
        has_thoughts_of_ending_life=answers.has_thoughts_of_ending_life,
    )


class InvalidResponse(ValueError):
    """A QuestionnaireResponse from outside that is not a completed recovery check-in; the message says why."""


SCALES = {"craving": (0, 10), "mood": (1, 5), "sleep": (1, 5), "confidence": (0, 10)}
TEXT_LIMITS = {"amount": 100, "note": 500}


def parse_response(body: Any) -> CheckInAnswers:
    """Answers from a client's QuestionnaireResponse, every value checked (a phone app's or a fuzzer's)."""
    if not isinstance(body, dict) or body.get("resourceType") != "QuestionnaireResponse":
        raise InvalidResponse("The body must be a QuestionnaireResponse")
    questionnaire = body.get("questionnaire")
    if not isinstance(questionnaire, str) or questionnaire.rstrip("/").split("/")[-1].split("|")[0] != QUESTIONNAIRE_ID:
        raise InvalidResponse(f"The questionnaire must be {QUESTIONNAIRE_URL}")
    if body.get("status") != "completed":
        raise InvalidResponse("Only a completed QuestionnaireResponse can be saved")
    items = body.get("item")
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise InvalidResponse("item must be a list of answered items")
    bladder: Any = next((item.get("item") for item in items if item.get("linkId") == "bladder"), [])
    if not isinstance(bladder, list) or not all(isinstance(item, dict) for item in bladder):
        raise InvalidResponse("The bladder group's item must be a list")
    return CheckInAnswers(
        craving=scale_answer(items, "craving"),
        mood=scale_answer(items, "mood"),
        has_used=yes_no_answer(items, "used"),
        amount=text_answer(items, "amount"),
        bladder_symptoms=tuple(link_id for link_id in BLADDER_LINK_IDS if is_true(raw_answer(bladder, link_id))),
        sleep=scale_answer(items, "sleep"),
        confidence=scale_answer(items, "confidence"),
        has_thoughts_of_ending_life=yes_no_answer(items, SAFETY_LINK_ID),
        note=text_answer(items, "note"),
    )


def raw_answer(items: list[dict[str, Any]], link_id: str) -> Any:
    for item in items:
        answers = item.get("answer")
        if item.get("linkId") == link_id and isinstance(answers, list) and answers and isinstance(answers[0], dict):
            return answers[0]
    return None


def is_true(answer: Any) -> bool:
    return isinstance(answer, dict) and answer.get("valueBoolean") is True


def scale_answer(items: list[dict[str, Any]], link_id: str) -> int:
    low, high = SCALES[link_id]
    answer = raw_answer(items, link_id)
    value = answer.get("valueInteger") if answer else None
    if type(value) is not int or not low <= value <= high:
        raise InvalidResponse(f"{link_id} needs a valueInteger from {low} to {high}")
    return value


def yes_no_answer(items: list[dict[str, Any]], link_id: str) -> bool:
    answer = raw_answer(items, link_id)
    coding = answer.get("valueCoding") if answer else None
    code = coding.get("code") if isinstance(coding, dict) else None
    if code not in (YES, NO):
        raise InvalidResponse(f"{link_id} needs a valueCoding of {YES} (Yes) or {NO} (No)")
    return bool(code == YES)


def text_answer(items: list[dict[str, Any]], link_id: str) -> str:
    answer = raw_answer(items, link_id)
    value = answer.get("valueString", "") if answer else ""
    if not isinstance(value, str) or len(value) > TEXT_LIMITS[link_id]:
        raise InvalidResponse(f"{link_id} must be a valueString of at most {TEXT_LIMITS[link_id]} characters")
    return value.strip()
