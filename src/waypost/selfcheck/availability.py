"""Which questionnaires this service offers: all of them, less any the operator switched off, and, in a language
other than English, less any whose translation we may not use (docs/adr/0044-questionnaires-in-spanish.md)."""

from __future__ import annotations

from functools import cache

from django.conf import settings

from waypost.instruments.registry import list_questionnaire_ids
from waypost.instruments.terminology import SOURCE_LANGUAGE
from waypost.instruments.translations import base_language

# Published Spanish validations exist, but their terms of use could not be checked offline: not offered in Spanish
NOT_OFFERED_IN_LANGUAGE = {"es": ("dast-10", "sds")}


def is_enabled(questionnaire_id: str) -> bool:
    return questionnaire_id in list_questionnaire_ids() and questionnaire_id not in settings.DISABLED_INSTRUMENTS


def enabled_questionnaire_ids() -> tuple[str, ...]:
    return tuple(questionnaire_id for questionnaire_id in list_questionnaire_ids() if is_enabled(questionnaire_id))


def not_offered_in(language: str) -> tuple[str, ...]:
    """The questionnaires switched off for `language` because we have no words we may use in it."""
    return NOT_OFFERED_IN_LANGUAGE.get(base_language(language), ())


def offered_questionnaire_ids(language: str = SOURCE_LANGUAGE) -> tuple[str, ...]:
    """What a check in `language` may ask: the enabled questionnaires that have words in that language."""
    return offered_for(base_language(language), frozenset(settings.DISABLED_INSTRUMENTS))


# Every page of the check asks; keyed by the setting itself, so a changed setting is never answered from before
@cache
def offered_for(language: str, disabled: frozenset[str]) -> tuple[str, ...]:
    switched_off = not_offered_in(language)
    return tuple(
        questionnaire_id
        for questionnaire_id in list_questionnaire_ids()
        if questionnaire_id not in disabled and questionnaire_id not in switched_off
    )
