"""Each role sees only the pages it may use; a page its role may not use is a plain 403, not the public 404.

The table lists every staff console URL, read from the URLconf, so a new page must say who may use it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import make_staff
from tests.triage.factories import make_request
from waypost.accounts.models import Organisation, Role, User
from waypost.core.audit import AuditEvent
from waypost.intake.models import ContactRequest
from waypost.notifications.models import Channel, OutboundMessage
from waypost.notifications.models import Status as MessageStatus

pytestmark = pytest.mark.django_db
StaffClient = Callable[[User], Client]

ADMISSIONS, CLINICIAN, SUPERVISOR, ADMIN = Role.ADMISSIONS, Role.CLINICIAN, Role.SUPERVISOR, Role.ORGANISATION_ADMIN
EVERY_ROLE = frozenset(Role)
SUPERVISING = frozenset({SUPERVISOR, ADMIN})
NO_ACCESS = "You do not have access to this page"
# url name -> (method, the roles that may use it)
ROLE_GATES: dict[str, tuple[str, frozenset[Role]]] = {
    "queue": ("get", EVERY_ROLE),
    "dashboard": ("get", SUPERVISING),
    "audit_log": ("get", SUPERVISING),
    "audit_csv": ("get", SUPERVISING),
    "messages": ("get", SUPERVISING),
    "resend_message": ("post", SUPERVISING),
    "mark_message_handled": ("post", SUPERVISING),
    "apply_retention": ("post", frozenset({ADMIN})),
    "request_detail": ("get", EVERY_ROLE),
    "contact_details": ("get", EVERY_ROLE),
    "claim": ("post", EVERY_ROLE),
    "release": ("post", EVERY_ROLE),
    "reassign": ("post", SUPERVISING),
    "change_status": ("post", EVERY_ROLE),
    "log_attempt": ("post", EVERY_ROLE),
    "add_note": ("post", EVERY_ROLE),
    "close": ("post", EVERY_ROLE),
    "follow_up": ("post", EVERY_ROLE),
    "merge": ("post", EVERY_ROLE),
    "erase": ("post", frozenset({ADMIN})),
    "assessment": ("get", EVERY_ROLE),
    "level_of_care": ("post", frozenset({CLINICIAN, SUPERVISOR, ADMIN})),
    "refer": ("get", frozenset({CLINICIAN, SUPERVISOR, ADMIN})),
    "request_referrals": ("get", EVERY_ROLE),
    "reports": ("get", SUPERVISING),
    "reports_csv": ("get", SUPERVISING),
}
GATED = [(name, role) for name, (_method, allowed) in ROLE_GATES.items() for role in Role if role not in allowed]
ALLOWED = [(name, role) for name, (_method, allowed) in ROLE_GATES.items() for role in Role if role in allowed]
STAFF_MOUNTS = {("staff/", "triage"), ("", "treatment")}
ORGANISATION_PAGES = ("dashboard", "audit_log", "audit_csv", "apply_retention", "messages", "reports", "reports_csv")
MESSAGE_ACTIONS = ("resend_message", "mark_message_handled")
# Pages about one referral rather than a request: tests/treatment/test_referral_roles.py proves who may use them
REFERRAL_PAGES = frozenset({"inbox", "referral_detail", "move"})


def triage_url_patterns() -> dict[str, str]:
    """url name -> pattern below the site root, for every staff console URL: the triage app's under /staff/, and
    the treatment app's staff/ pages it mounts at the root."""
    return {
        inner.name or "": str(mount.pattern) + str(inner.pattern)
        for mount in get_resolver().url_patterns
        if isinstance(mount, URLResolver) and (str(mount.pattern), mount.app_name) in STAFF_MOUNTS
        for inner in mount.url_patterns
        if isinstance(inner, URLPattern) and (str(mount.pattern) + str(inner.pattern)).startswith("staff/")
        if inner.name not in REFERRAL_PAGES
    }


def path_of(name: str, reference: str, organisation_slug: str = "") -> str:
    pattern = triage_url_patterns()[name].replace("<str:reference>", reference)
    path = "/" + pattern.replace("<int:message_id>", str(failed_message_id(reference)))
    return f"{path}?organisation={organisation_slug}" if organisation_slug else path


def failed_message_id(reference: str) -> int:
    """A failed message about the request, so the message actions have something to act on."""
    if not reference:
        return 0
    message = OutboundMessage.objects.create(
        channel=Channel.EMAIL, template="team-alert", reference=reference, recipient="team@example.org", body="x"
    )
    OutboundMessage.objects.filter(pk=message.pk).update(status=MessageStatus.FAILED)
    return message.pk


def person(role: Role, organisation: Organisation) -> User:
    return make_staff(f"{role.value}-{organisation.slug}", organisation, role)


def test_every_staff_console_url_says_which_roles_may_use_it() -> None:
    assert set(triage_url_patterns()) == set(ROLE_GATES)


@pytest.mark.parametrize(("name", "role"), GATED)
def test_a_role_that_may_not_use_a_page_gets_a_plain_403(
    staff_client: StaffClient, organisation_a: Organisation, name: str, role: Role
) -> None:
    request = make_request(organisation_a)
    method, _allowed = ROLE_GATES[name]

    response = getattr(staff_client(person(role, organisation_a)), method)(path_of(name, request.reference))

    html = response.content.decode()
    assert response.status_code == 403
    assert f"<h1>{NO_ACCESS}</h1>" in html
    assert 'aria-label="Staff"' in html
    assert "Page not found" not in html
    untouched = ContactRequest.objects.get(pk=request.pk)
    assert (untouched.status, untouched.assigned_to, untouched.version) == (request.status, None, 0)
    assert AuditEvent.objects.count() == 0
    assert OutboundMessage.objects.filter(handled_at__isnull=False).count() == 0


@pytest.mark.parametrize(("name", "role"), ALLOWED)
def test_a_role_that_may_use_a_page_is_let_in(
    staff_client: StaffClient, organisation_a: Organisation, name: str, role: Role
) -> None:
    request = make_request(organisation_a)
    method, _allowed = ROLE_GATES[name]

    response = getattr(staff_client(person(role, organisation_a)), method)(path_of(name, request.reference))

    # 409: the refer page answers that a request not yet assessed cannot be referred
    assert response.status_code in (200, 302, 400, 409)
    assert NO_ACCESS not in response.content.decode()


@pytest.mark.parametrize(
    ("role", "is_shown"), [(ADMISSIONS, False), (CLINICIAN, False), (SUPERVISOR, True), (ADMIN, True)]
)
def test_the_staff_navigation_offers_dashboard_and_audit_log_only_to_supervising_roles(
    staff_client: StaffClient, organisation_a: Organisation, role: Role, is_shown: bool
) -> None:
    html = staff_client(person(role, organisation_a)).get("/staff/").content.decode()

    assert '<a href="/staff/">Queue</a>' in html
    assert ('<a href="/staff/dashboard">Dashboard</a>' in html) is is_shown
    assert ('<a href="/staff/audit">Audit log</a>' in html) is is_shown
    assert ('<a href="/staff/messages">Messages</a>' in html) is is_shown


@pytest.mark.parametrize("name", ORGANISATION_PAGES)
def test_another_organisations_dashboard_audit_and_retention_stay_a_404(
    staff_client: StaffClient, organisation_a: Organisation, organisation_b: Organisation, name: str
) -> None:
    method, _allowed = ROLE_GATES[name]

    response = getattr(staff_client(person(ADMIN, organisation_b)), method)(path_of(name, "", organisation_a.slug))

    assert response.status_code == 404
    assert NO_ACCESS not in response.content.decode()
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize("name", ORGANISATION_PAGES)
def test_a_person_with_roles_in_two_organisations_may_use_each_page_only_where_their_role_allows(
    staff_client: StaffClient, organisation_a: Organisation, organisation_b: Organisation, name: str
) -> None:
    both = person(ADMISSIONS, organisation_a)
    both.memberships.create(organisation=organisation_b, role=ADMIN)
    method, _allowed = ROLE_GATES[name]
    client = staff_client(both)

    refused = getattr(client, method)(path_of(name, "", organisation_a.slug))
    allowed = getattr(client, method)(path_of(name, "", organisation_b.slug))

    assert refused.status_code == 403
    assert NO_ACCESS in refused.content.decode()
    assert allowed.status_code in (200, 302)
