"""Which questionnaires this service offers: all of them, less any the operator switched off."""

from __future__ import annotations

from django.conf import settings

from waypost.instruments.registry import list_questionnaire_ids


def is_enabled(questionnaire_id: str) -> bool:
    return questionnaire_id in list_questionnaire_ids() and questionnaire_id not in settings.DISABLED_INSTRUMENTS


def enabled_questionnaire_ids() -> tuple[str, ...]:
    return tuple(questionnaire_id for questionnaire_id in list_questionnaire_ids() if is_enabled(questionnaire_id))
