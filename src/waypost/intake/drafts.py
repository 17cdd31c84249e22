"""A contact journey in progress, kept encrypted on the server; the visitor's cookie holds only its id."""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from waypost.intake.draft_storage import fresh_draft_answers
from waypost.intake.journey import Draft
from waypost.intake.models import ContactDraft
from waypost.intake.services import DRAFT_LIFETIME

SESSION_KEY = "contact_draft"


def load_draft(request: HttpRequest) -> Draft | None:
    """The answers so far, or None when there is no journey or it has been idle too long."""
    draft_id = session_draft_id(request)
    if draft_id is None:
        return None
    idle_since = timezone.now() - DRAFT_LIFETIME
    stored = fresh_draft_answers(draft_id, written_since=idle_since)
    if stored is None:
        # Gone or idle too long: an idle draft is deleted now rather than at the next purge
        ContactDraft.objects.filter(pk=draft_id, updated_at__lt=idle_since).delete()
        return None
    answers: dict[str, Any] = json.loads(stored)
    return Draft.from_stored(answers)


def session_draft_id(request: HttpRequest) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(request.session.get(SESSION_KEY, "")))
    except ValueError:
        return None


def save_draft(request: HttpRequest, draft: Draft) -> None:
    # Written by id, without reading the row again: load_draft has just read (and decrypted) it
    values = {"answers": json.dumps(draft.stored()), "updated_at": timezone.now()}
    draft_id = session_draft_id(request)
    if draft_id is None or not ContactDraft.objects.filter(pk=draft_id).update(**values):
        draft_id = ContactDraft.objects.create(**values).pk
    request.session[SESSION_KEY] = str(draft_id)


def discard_draft(request: HttpRequest) -> None:
    draft_id = session_draft_id(request)
    if draft_id is not None:
        ContactDraft.objects.filter(pk=draft_id).delete()
    request.session.pop(SESSION_KEY, None)
