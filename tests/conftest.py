"""Shared fixtures: a member of the public, and the staff personas with their organisations.

Staff personas (like Healthchecks' Alice, Bob and Charlie): organisation A receives the public's requests;
`triage_worker_a` and `triage_worker_b` do admissions at A and B; `clinician_a`, `supervisor_a` and
`organisation_admin_a` work at A. Each has the password STAFF_PASSWORD and a confirmed authenticator app.
`staff_client(user)` is a Client signed in as them with both factors.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pytest
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.base import SessionBase
from django.test import Client, RequestFactory

from waypost.accounts.models import AuthenticatorApp, Membership, Organisation, OrganisationKind, Role, User
from waypost.accounts.signing_in import finish_sign_in
from waypost.core.page_memory import forget_stored_pages
from waypost.core.remembered_pages import forget_remembered_pages

STAFF_PASSWORD = "a long passphrase for test staff"


@pytest.fixture(autouse=True)
def pages_rendered_afresh() -> None:
    """Each test starts as a new process would, with no page kept in memory yet (docs/adr/0033, 0053)."""
    forget_stored_pages()
    forget_remembered_pages()


@pytest.fixture
def member_of_the_public() -> Client:
    """Someone on the public site: no account, no cookies."""
    return Client()


@cache
def staff_password_hash() -> str:
    # Argon2 is slow on purpose; hashing once per run keeps persona fixtures fast
    return make_password(STAFF_PASSWORD)


def make_staff(username: str, organisation: Organisation, role: Role) -> User:
    user = User.objects.create(username=username, email=f"{username}@example.org", password=staff_password_hash())
    Membership.objects.create(user=user, organisation=organisation, role=role)
    AuthenticatorApp.objects.create(user=user, name="Authenticator app", confirmed=True)
    return user


@pytest.fixture
def organisation_a(db: None) -> Organisation:
    return Organisation.objects.create(
        name="Organisation A",
        slug="organisation-a",
        kind=OrganisationKind.REFERRAL_SERVICE,
        receives_public_requests=True,
    )


@pytest.fixture
def organisation_b(db: None) -> Organisation:
    return Organisation.objects.create(
        name="Organisation B", slug="organisation-b", kind=OrganisationKind.TREATMENT_PROVIDER
    )


@pytest.fixture
def triage_worker_a(organisation_a: Organisation) -> User:
    return make_staff("triage-worker-a", organisation_a, Role.ADMISSIONS)


@pytest.fixture
def triage_worker_b(organisation_b: Organisation) -> User:
    return make_staff("triage-worker-b", organisation_b, Role.ADMISSIONS)


@pytest.fixture
def clinician_a(organisation_a: Organisation) -> User:
    return make_staff("clinician-a", organisation_a, Role.CLINICIAN)


@pytest.fixture
def supervisor_a(organisation_a: Organisation) -> User:
    return make_staff("supervisor-a", organisation_a, Role.SUPERVISOR)


@pytest.fixture
def spanish_supervisor(supervisor_a: User) -> User:
    """Supervisor A after choosing a Spanish staff console (docs/adr/0047)."""
    User.objects.filter(pk=supervisor_a.pk).update(console_language="es")
    supervisor_a.refresh_from_db()
    return supervisor_a


@pytest.fixture
def organisation_admin_a(organisation_a: Organisation) -> User:
    return make_staff("organisation-admin-a", organisation_a, Role.ORGANISATION_ADMIN)


def signed_in_client(user: User, *, client: Client | None = None) -> Client:
    """A client whose session went through the same final step as a real sign-in with both factors."""
    client = client or Client()
    request = RequestFactory().get("/staff/login/code")
    request.session = client.session
    request.user = AnonymousUser()
    finish_sign_in(request, user=user, device=AuthenticatorApp.objects.get(user=user, confirmed=True))
    store_session(client, request.session)
    return client


def store_session(client: Client, session: SessionBase) -> None:
    # Signed-cookie sessions live in the cookie itself, so the client needs the newly signed value
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key or ""


@pytest.fixture
def staff_client(db: None) -> Callable[[User], Client]:
    return signed_in_client
