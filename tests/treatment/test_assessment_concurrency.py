"""Clinicians save the same assessment at the same moment: exactly one wins, on a real PostgreSQL server."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

from tests.triage.factories import make_request
from waypost.accounts.models import Organisation, User
from waypost.core.audit import AuditAction, AuditEvent
from waypost.intake.models import ContactRequest
from waypost.treatment.models import Assessment
from waypost.treatment.services import AssessmentAnswers, AssessmentConflict, record_assessment

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrent transactions need PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def race(users: list[User], save: Callable[[User], None]) -> list[str]:
    start = threading.Barrier(len(users))
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(user: User) -> None:
        start.wait()
        try:
            save(user)
            result = "won"
        except AssessmentConflict:
            result = "lost"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


def saver(request: ContactRequest, version: int, relapse: int) -> Callable[[User], None]:
    answers = AssessmentAnswers(ratings={"relapse": relapse}, evidence={"relapse": "Used again after stopping"})

    def save(user: User) -> None:
        fresh = ContactRequest.objects.get(pk=request.pk)
        record_assessment(actor=user, request=fresh, answers=answers, expected_version=version, page="/test")

    return save


def test_exactly_one_of_many_simultaneous_first_saves_wins(
    organisation_a: Organisation, clinician_a: User, supervisor_a: User, organisation_admin_a: User
) -> None:
    request = make_request(organisation_a)
    users = [clinician_a, supervisor_a, organisation_admin_a] * 3

    outcomes = race(users, saver(request, 0, 2))

    assert outcomes == ["lost"] * (len(users) - 1) + ["won"]
    assert Assessment.objects.get().version == 1
    assert AuditEvent.objects.filter(action=AuditAction.ASSESSED).count() == 1


def test_exactly_one_of_many_simultaneous_updates_of_the_same_version_wins(
    organisation_a: Organisation, clinician_a: User, supervisor_a: User, organisation_admin_a: User
) -> None:
    request = make_request(organisation_a)
    saver(request, 0, 1)(clinician_a)
    users = [clinician_a, supervisor_a, organisation_admin_a] * 3

    outcomes = race(users, saver(request, 1, 4))

    assert outcomes == ["lost"] * (len(users) - 1) + ["won"]
    saved = Assessment.objects.get()
    assert (saved.version, saved.relapse_rating) == (2, 4)
    assert AuditEvent.objects.filter(action=AuditAction.ASSESSED).count() == 2
