"""The questionnaires Waypost ships, read from the packaged FHIR JSON files."""

import copy
import json
from functools import cache
from importlib import resources
from typing import Any

from waypost.instruments.definitions import Instrument, parse_instrument
from waypost.instruments.errors import UnknownQuestionnaire
from waypost.instruments.terminology import SOURCE_LANGUAGE
from waypost.instruments.translations import base_language

# The order a journey offers them in; each id is also the JSON file name.
QUESTIONNAIRE_IDS = (
    "ketamine-use-signs",
    "ketamine-signs-observed",
    "dast-10",
    "sds",
    "phq-9",
    "gad-7",
    "bladder-signs",
    "safety",
)


def list_questionnaire_ids() -> tuple[str, ...]:
    return QUESTIONNAIRE_IDS


def get_questionnaire(questionnaire_id: str) -> dict[str, Any]:
    """A deep copy, so callers may rewrite URLs without touching the shared definition."""
    require_known_id(questionnaire_id)
    return copy.deepcopy(load_questionnaire(questionnaire_id))


def get_instrument(questionnaire_id: str, language: str = SOURCE_LANGUAGE) -> Instrument:
    """The instrument with its words in `language` (English where the file has no translation)."""
    require_known_id(questionnaire_id)
    return load_instrument(questionnaire_id, base_language(language))


def require_known_id(questionnaire_id: str) -> None:
    if questionnaire_id not in QUESTIONNAIRE_IDS:
        raise UnknownQuestionnaire(f"There is no questionnaire called '{questionnaire_id}'.")


# Callers check the id first: the cache needs a hashable, known id.
@cache
def load_questionnaire(questionnaire_id: str) -> dict[str, Any]:
    path = resources.files("waypost.instruments") / "questionnaires" / f"{questionnaire_id}.json"
    questionnaire: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return questionnaire


# Keyed by language as well as id: one copy per language, never one language's words served for another
@cache
def load_instrument(questionnaire_id: str, language: str = SOURCE_LANGUAGE) -> Instrument:
    if language == SOURCE_LANGUAGE:
        return parse_instrument(load_questionnaire(questionnaire_id))
    # The source copy is parsed once and shared; another language only swaps its words
    return load_instrument(questionnaire_id, SOURCE_LANGUAGE).in_language(language)
