"""The plain read of a contact draft finds exactly the drafts the ORM's query finds, with the same answers."""

from __future__ import annotations

import datetime
import json
import uuid

import pytest
from django.test import Client
from django.utils import timezone

from tests.intake.walker import fill_in
from waypost.intake.draft_storage import fresh_draft_answers
from waypost.intake.models import ContactDraft
from waypost.intake.services import DRAFT_LIFETIME

pytestmark = pytest.mark.django_db

ANSWERS = json.dumps({"help_with": "Ça me fait mal — 膀胱", "visited": ["who"], "from_check": False})


@pytest.mark.parametrize(
    ("age", "is_fresh"),
    [
        (datetime.timedelta(0), True),
        (DRAFT_LIFETIME - datetime.timedelta(seconds=1), True),
        (DRAFT_LIFETIME, True),
        (DRAFT_LIFETIME + datetime.timedelta(microseconds=1), False),
        (datetime.timedelta(hours=2), False),
    ],
)
def test_plain_read_matches_the_orm_on_both_sides_of_the_idle_limit(age: datetime.timedelta, is_fresh: bool) -> None:
    now = timezone.now()
    draft = ContactDraft.objects.create(answers=ANSWERS, updated_at=now - age)
    idle_since = now - DRAFT_LIFETIME

    by_orm = ContactDraft.objects.filter(pk=draft.pk, updated_at__gte=idle_since).first()

    assert fresh_draft_answers(draft.pk, written_since=idle_since) == (by_orm.answers if by_orm else None)
    assert (by_orm is not None) is is_fresh


def test_plain_read_of_a_draft_that_does_not_exist_is_none() -> None:
    ContactDraft.objects.create(answers=ANSWERS, updated_at=timezone.now())

    assert fresh_draft_answers(uuid.uuid4(), written_since=timezone.now() - DRAFT_LIFETIME) is None


def test_an_idle_draft_is_deleted_and_the_journey_says_it_expired() -> None:
    visitor = Client()
    fill_in(visitor)
    ContactDraft.objects.update(updated_at=timezone.now() - DRAFT_LIFETIME - datetime.timedelta(minutes=1))

    response = visitor.get("/contact/check-answers")

    assert response["Location"] == "/contact/expired"
    assert not ContactDraft.objects.exists()


def test_a_draft_written_within_the_limit_is_read_back_whole() -> None:
    visitor = Client()
    fill_in(visitor)
    ContactDraft.objects.update(updated_at=timezone.now() - DRAFT_LIFETIME + datetime.timedelta(minutes=1))

    response = visitor.get("/contact/check-answers")

    assert response.status_code == 200
    assert "Not before 6pm please" in response.content.decode()
    assert ContactDraft.objects.count() == 1
