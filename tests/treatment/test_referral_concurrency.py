"""Two of the provider's staff accept the same referral at the same moment: exactly one wins, on PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from tests.conftest import make_staff
from waypost.accounts.models import Organisation, Role, User
from waypost.treatment.choices import Channel
from waypost.treatment.lifecycle import Side
from waypost.treatment.models import Referral, ReferralEvent
from waypost.treatment.services import ReferralConflict, move_referral


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrent transactions need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_exactly_one_of_two_simultaneous_accepts_wins(
    sent_to_b: Referral, triage_worker_b: User, provider_b: Organisation
) -> None:
    second = make_staff("provider-supervisor-b", provider_b, Role.SUPERVISOR)
    accepters = [triage_worker_b, second] * 4
    start = threading.Barrier(len(accepters))
    outcomes: list[str] = []
    lock = threading.Lock()

    def accept(user: User) -> None:
        start.wait()
        try:
            move_referral(
                referral=Referral.objects.get(pk=sent_to_b.pk),
                new_status="accepted",
                side=Side.PROVIDER,
                channel=Channel.CONSOLE,
                actor=user,
                actor_name=user.username,
                expected_version=0,
                page="/test",
            )
            result = "won"
        except ReferralConflict:
            result = "lost"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=accept, args=(user,)) for user in accepters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["lost"] * (len(accepters) - 1) + ["won"]
    referral = Referral.objects.get()
    assert (referral.status, referral.version) == ("accepted", 1)
    assert ReferralEvent.objects.filter(status_to="accepted").count() == 1
