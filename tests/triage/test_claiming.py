"""Two people take the same request at the same moment: exactly one wins, on a real PostgreSQL server."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from tests.triage.factories import make_request
from waypost.accounts.models import Organisation, User
from waypost.intake.models import ContactRequest
from waypost.triage.services import TriageConflict, claim_request


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrent transactions need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_exactly_one_of_many_simultaneous_claims_wins(
    organisation_a: Organisation, triage_worker_a: User, supervisor_a: User, clinician_a: User
) -> None:
    request = make_request(organisation_a)
    claimants = [triage_worker_a, supervisor_a, clinician_a] * 4
    start = threading.Barrier(len(claimants))
    outcomes: list[str] = []
    lock = threading.Lock()

    def claim(user: User) -> None:
        start.wait()
        try:
            claim_request(actor=user, contact_request=ContactRequest.objects.get(pk=request.pk), page="/test")
            result = "won"
        except TriageConflict:
            result = "lost"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=claim, args=(user,)) for user in claimants]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["lost"] * (len(claimants) - 1) + ["won"]
    assert ContactRequest.objects.get(pk=request.pk).version == 1


@pytest.mark.django_db
def test_claiming_a_taken_request_raises_a_plain_conflict(
    organisation_a: Organisation, triage_worker_a: User, supervisor_a: User
) -> None:
    request = make_request(organisation_a)
    claim_request(actor=triage_worker_a, contact_request=request, page="/test")

    with pytest.raises(TriageConflict, match=r"Someone else has already taken this request\."):
        claim_request(actor=supervisor_a, contact_request=request, page="/test")
