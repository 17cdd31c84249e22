"""Who reaches a @staff_required page, and the role questions the staff console asks."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from tests.accounts.steps import STAFF_PAGE, html
from tests.conftest import make_staff, signed_in_client
from waypost.accounts.access import can_supervise, is_organisation_admin, organisation_ids_for, role_in
from waypost.accounts.models import Membership, Organisation, Role, User

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.accounts.urls")]

PERSONAS = ["triage_worker_a", "triage_worker_b", "clinician_a", "supervisor_a", "organisation_admin_a"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_reaches_a_staff_page(
    persona: str, request: pytest.FixtureRequest, staff_client: Callable[[User], Client]
) -> None:
    user: User = request.getfixturevalue(persona)

    response = staff_client(user).get(STAFF_PAGE)

    assert response.status_code == 200
    assert html(response) == f"Staff page for {user.username}"


def test_sends_an_anonymous_visitor_to_sign_in_and_back(member_of_the_public: Client) -> None:
    response = member_of_the_public.get(STAFF_PAGE + "?page=2")

    assert response.status_code == 302
    assert response["Location"] == "/staff/login?next=/staff/test-page%3Fpage%3D2"


def test_password_alone_is_not_enough(member_of_the_public: Client, triage_worker_a: User) -> None:
    member_of_the_public.force_login(triage_worker_a)

    response = member_of_the_public.get(STAFF_PAGE)

    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login?next=")


def test_explains_when_a_signed_in_user_has_no_organisation(triage_worker_a: User) -> None:
    Membership.objects.filter(user=triage_worker_a).delete()

    response = signed_in_client(triage_worker_a).get(STAFF_PAGE)

    assert response.status_code == 403
    assert "Your account is not linked to an organisation" in html(response)
    assert response["Referrer-Policy"] == "same-origin"


def test_a_deactivated_user_is_signed_out_at_once(triage_worker_a: User) -> None:
    client = signed_in_client(triage_worker_a)
    User.objects.filter(pk=triage_worker_a.pk).update(is_active=False)

    response = client.get(STAFF_PAGE)

    assert response.status_code == 302
    assert response["Location"] == "/staff/login?next=/staff/test-page"


def test_lists_the_organisations_a_user_works_for(
    triage_worker_a: User, organisation_a: Organisation, organisation_b: Organisation
) -> None:
    Membership.objects.create(user=triage_worker_a, organisation=organisation_b, role=Role.CLINICIAN)

    assert organisation_ids_for(triage_worker_a) == frozenset({organisation_a.pk, organisation_b.pk})


def test_keeps_organisation_b_staff_out_of_organisation_a(
    triage_worker_b: User, organisation_a: Organisation, organisation_b: Organisation
) -> None:
    assert organisation_ids_for(triage_worker_b) == frozenset({organisation_b.pk})
    assert role_in(triage_worker_b, organisation_a.pk) is None
    assert can_supervise(triage_worker_b, organisation_a.pk) is False


@pytest.mark.parametrize(
    ("persona", "role", "supervises", "administers"),
    [
        ("triage_worker_a", Role.ADMISSIONS, False, False),
        ("clinician_a", Role.CLINICIAN, False, False),
        ("supervisor_a", Role.SUPERVISOR, True, False),
        ("organisation_admin_a", Role.ORGANISATION_ADMIN, True, True),
    ],
)
def test_answers_role_questions_for_each_role(
    persona: str,
    role: Role,
    supervises: bool,
    administers: bool,
    request: pytest.FixtureRequest,
    organisation_a: Organisation,
) -> None:
    user: User = request.getfixturevalue(persona)

    assert role_in(user, organisation_a.pk) == role
    assert can_supervise(user, organisation_a.pk) is supervises
    assert is_organisation_admin(user, organisation_a.pk) is administers


def test_a_role_at_one_organisation_gives_nothing_at_another(
    organisation_a: Organisation, organisation_b: Organisation
) -> None:
    admin_of_b = make_staff("admin-b", organisation_b, Role.ORGANISATION_ADMIN)

    assert is_organisation_admin(admin_of_b, organisation_b.pk) is True
    assert is_organisation_admin(admin_of_b, organisation_a.pk) is False


def test_asks_the_database_once_whatever_role_questions_follow(
    supervisor_a: User, organisation_a: Organisation, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    user = User.objects.get(pk=supervisor_a.pk)

    with django_assert_num_queries(1):
        assert organisation_ids_for(user) == frozenset({organisation_a.pk})
        assert role_in(user, organisation_a.pk) == Role.SUPERVISOR
        assert can_supervise(user, organisation_a.pk) is True
        assert is_organisation_admin(user, organisation_a.pk) is False


def test_an_anonymous_user_has_no_organisation_and_no_role(organisation_a: Organisation) -> None:
    anonymous = AnonymousUser()

    assert organisation_ids_for(anonymous) == frozenset()
    assert role_in(anonymous, organisation_a.pk) is None
    assert can_supervise(anonymous, organisation_a.pk) is False
    assert is_organisation_admin(anonymous, organisation_a.pk) is False
