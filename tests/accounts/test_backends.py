"""The signed-in user and their roles come from one query, and every way access ends still works (ADR 0034)."""

from __future__ import annotations

import pytest
from pytest_django import DjangoAssertNumQueries

from tests.accounts.steps import STAFF_PAGE, html
from tests.conftest import signed_in_client
from waypost.accounts.access import can_supervise, organisation_ids_for, role_in
from waypost.accounts.backends import StaffBackend
from waypost.accounts.models import Membership, Organisation, Role, User

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.accounts.urls")]


def test_reads_the_user_and_every_role_in_one_query(
    supervisor_a: User,
    organisation_a: Organisation,
    organisation_b: Organisation,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    Membership.objects.create(user=supervisor_a, organisation=organisation_b, role=Role.CLINICIAN)

    with django_assert_num_queries(1):
        user = StaffBackend().get_user(supervisor_a.pk)
        assert user == supervisor_a
        assert organisation_ids_for(user) == frozenset({organisation_a.pk, organisation_b.pk})
        assert role_in(user, organisation_a.pk) == Role.SUPERVISOR
        assert role_in(user, organisation_b.pk) == Role.CLINICIAN
        assert can_supervise(user, organisation_b.pk) is False


def test_a_user_without_memberships_has_no_roles(triage_worker_a: User) -> None:
    Membership.objects.filter(user=triage_worker_a).delete()

    user = StaffBackend().get_user(triage_worker_a.pk)

    assert user == triage_worker_a
    assert organisation_ids_for(user) == frozenset()


def test_an_inactive_or_missing_user_is_not_loaded(triage_worker_a: User) -> None:
    User.objects.filter(pk=triage_worker_a.pk).update(is_active=False)

    assert StaffBackend().get_user(triage_worker_a.pk) is None
    assert StaffBackend().get_user(triage_worker_a.pk + 1000) is None


def test_a_removed_membership_ends_access_on_the_next_request(triage_worker_a: User) -> None:
    client = signed_in_client(triage_worker_a)
    assert client.get(STAFF_PAGE).status_code == 200

    Membership.objects.filter(user=triage_worker_a).delete()
    response = client.get(STAFF_PAGE)

    assert response.status_code == 403
    assert "Your account is not linked to an organisation" in html(response)


def test_a_changed_role_counts_from_the_next_request(supervisor_a: User, organisation_a: Organisation) -> None:
    before = StaffBackend().get_user(supervisor_a.pk)

    Membership.objects.filter(user=supervisor_a).update(role=Role.ADMISSIONS)
    after = StaffBackend().get_user(supervisor_a.pk)

    assert before is not None
    assert after is not None
    assert can_supervise(before, organisation_a.pk) is True
    assert can_supervise(after, organisation_a.pk) is False
