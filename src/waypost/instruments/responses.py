"""Reading coded answers out of a FHIR QuestionnaireResponse (answers may be nested in items or answers)."""

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from waypost.instruments.answers import require_known_item, require_option
from waypost.instruments.definitions import Instrument, Item
from waypost.instruments.errors import InvalidResponse

AnsweredItem = tuple[str, Sequence[Mapping[str, Any]]]


def answers_from_response(instrument: Instrument, response: object) -> dict[str, str]:
    resource = require_response_resource(response)
    require_same_questionnaire(instrument.questionnaire_id, resource.get("questionnaire"))
    answers: dict[str, str] = {}
    for link_id, answer_list in walk_items(resource.get("item", [])):
        record_answer(instrument, require_known_item(instrument, link_id), answer_list, answers)
    return answers


def require_response_resource(response: object) -> Mapping[str, Any]:
    if not isinstance(response, Mapping):
        raise InvalidResponse("A QuestionnaireResponse must be a JSON object.")
    if response.get("resourceType") != "QuestionnaireResponse":
        raise InvalidResponse(
            f"Expected a QuestionnaireResponse, but resourceType is '{response.get('resourceType')}'."
        )
    return response


def questionnaire_id_from_canonical(canonical: str) -> str:
    """'https://host/fhir/Questionnaire/phq-9|1.0.0' gives 'phq-9'; a bare id is accepted too."""
    return canonical.split("|", 1)[0].rstrip("/").rsplit("/", 1)[-1]


def require_same_questionnaire(questionnaire_id: str, canonical: object) -> None:
    # QuestionnaireResponse.questionnaire is optional in R4, and the caller has named the questionnaire.
    if canonical is None:
        return
    if not isinstance(canonical, str) or questionnaire_id_from_canonical(canonical) != questionnaire_id:
        raise InvalidResponse(f"This response answers questionnaire '{canonical}', not '{questionnaire_id}'.")


def walk_items(items: object) -> Iterator[AnsweredItem]:
    if not isinstance(items, list):
        raise InvalidResponse("Each 'item' in a QuestionnaireResponse must be a list.")
    for entry in items:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("linkId"), str):
            raise InvalidResponse("Every item in the response must be an object with a text linkId.")
        answer_list = answer_entries(entry["linkId"], entry.get("answer", []))
        yield entry["linkId"], answer_list
        yield from walk_items(entry.get("item", []))
        for answer in answer_list:
            yield from walk_items(answer.get("item", []))


def answer_entries(link_id: str, answer_list: object) -> Sequence[Mapping[str, Any]]:
    if not isinstance(answer_list, list) or not all(isinstance(answer, Mapping) for answer in answer_list):
        raise InvalidResponse(f"The answer to question '{link_id}' must be a list of answer objects.")
    return answer_list


def record_answer(
    instrument: Instrument, item: Item, answer_list: Sequence[Mapping[str, Any]], answers: dict[str, str]
) -> None:
    # Display text and the calculated total carry nothing to score; Waypost recalculates the total itself.
    if not item.is_question or not answer_list:
        return
    if len(answer_list) > 1:
        raise InvalidResponse(f"Question '{item.link_id}' has more than one answer, but it takes only one.")
    if item.link_id in answers:
        raise InvalidResponse(f"Question '{item.link_id}' is answered more than once in this response.")
    answers[item.link_id] = coded_answer(instrument, item, answer_list[0])


def coded_answer(instrument: Instrument, item: Item, answer: Mapping[str, Any]) -> str:
    coding = answer.get("valueCoding")
    if not isinstance(coding, Mapping) or not isinstance(coding.get("code"), str):
        raise InvalidResponse(f"The answer to question '{item.link_id}' must be a valueCoding with a code.")
    option = require_option(instrument, item, coding["code"])
    system = coding.get("system")
    if system is not None and system != option.system:
        raise InvalidResponse(
            f"The answer to question '{item.link_id}' uses code system '{system}', not '{option.system}'."
        )
    return option.code
