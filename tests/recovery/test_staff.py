"""The care team's side: invite, list with tasks by risk, detail only with consent, end, close; all audited and
scoped to the user's organisations (another organisation gets a 404 and changes nothing)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver

from tests.recovery.conftest import OTHER_PHONE, PHONE, enrol
from waypost.accounts.models import Organisation, User
from waypost.core.audit import AuditAction, AuditEvent
from waypost.notifications.models import OutboundMessage
from waypost.recovery.models import CheckIn, Enrolment, OutreachTask
from waypost.recovery.rules import Outreach, Trigger, help_now_outreach
from waypost.recovery.services import create_outreach

pytestmark = pytest.mark.django_db

CALM = {"craving": "2", "mood": "4", "used": "no", "sleep": "4", "confidence": "8", "thoughts": "no"}


def staff_recovery_urls(reference: str, task_id: int) -> list[tuple[str, str]]:
    """(method, path) for every recovery staff URL naming a person or a task, read from the URLconf."""
    urls = []
    for pattern in get_resolver().url_patterns:
        if str(pattern.pattern) != "staff/recovery/":
            continue
        for inner in getattr(pattern, "url_patterns", []):
            route = str(inner.pattern)
            if isinstance(inner, URLPattern) and ("<str:reference>" in route or "<int:task_id>" in route):
                path = "/staff/recovery/" + route.replace("<str:reference>", reference).replace(
                    "<int:task_id>", str(task_id)
                )
                urls.append(("get" if inner.name == "enrolment" else "post", path))
    return urls


def test_every_person_url_is_found() -> None:
    assert len(staff_recovery_urls("ABCD-2346", 1)) == 3


def test_invites_a_person_with_a_discreet_message_and_an_audit(
    staff_client: Callable[[User], Client], triage_worker_a: User, organisation_a: Organisation
) -> None:
    client = staff_client(triage_worker_a)
    form = client.get("/staff/recovery/invite")
    response = client.post(
        "/staff/recovery/invite",
        {"contact": "07400 123456", "rhythm": "daily", "shares": "yes", "organisation": organisation_a.pk},
    )

    enrolment = Enrolment.objects.get()
    assert form.status_code == 200
    assert response["Location"] == f"/staff/recovery/people/{enrolment.reference}"
    assert (enrolment.contact, enrolment.rhythm, enrolment.shares_with_care_team) == (PHONE, "daily", True)
    assert OutboundMessage.objects.get(template="recovery-invite").recipient == PHONE
    assert list(AuditEvent.objects.values_list("action", "request_reference")) == [
        (AuditAction.ENROLLED_RECOVERY, enrolment.reference)
    ]


def test_refuses_a_second_active_enrolment_for_the_same_contact(
    staff_client: Callable[[User], Client], triage_worker_a: User, organisation_a: Organisation
) -> None:
    enrol(organisation_a, triage_worker_a)
    response = staff_client(triage_worker_a).post(
        "/staff/recovery/invite",
        {"contact": PHONE, "rhythm": "weekly", "shares": "no", "organisation": organisation_a.pk},
    )
    assert "already has recovery support" in response.content.decode()
    assert Enrolment.objects.count() == 1


def test_cannot_invite_for_another_organisation(
    staff_client: Callable[[User], Client], triage_worker_b: User, organisation_a: Organisation
) -> None:
    response = staff_client(triage_worker_b).post(
        "/staff/recovery/invite",
        {"contact": PHONE, "rhythm": "daily", "shares": "yes", "organisation": organisation_a.pk},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_lists_people_and_tasks_ordered_by_risk(
    staff_client: Callable[[User], Client], triage_worker_a: User, organisation_a: Organisation
) -> None:
    enrolment = enrol(organisation_a, triage_worker_a)
    create_outreach(enrolment, [Outreach(Trigger.QUIET, "Quiet reason."), help_now_outreach()])
    html = staff_client(triage_worker_a).get("/staff/recovery/").content.decode()

    assert enrolment.reference in html
    assert html.index("They pressed “I need help now”") < html.index("Quiet reason.")
    assert PHONE not in html
    assert AuditEvent.objects.filter(action=AuditAction.VIEWED_RECOVERY).count() == 1


def test_detail_shows_check_ins_only_with_consent_and_is_audited(
    staff_client: Callable[[User], Client],
    triage_worker_a: User,
    organisation_a: Organisation,
    signed_in: Callable[[str], Client],
) -> None:
    sharing = enrol(organisation_a, triage_worker_a)
    private = enrol(organisation_a, triage_worker_a, contact=OTHER_PHONE, shares=False)
    signed_in(PHONE).post("/recovery/check-in", {**CALM, "note": "Shared note"})
    signed_in(OTHER_PHONE).post("/recovery/check-in", {**CALM, "note": "Private note"})
    client = staff_client(triage_worker_a)

    shared_page = client.get(f"/staff/recovery/people/{sharing.reference}").content.decode()
    private_page = client.get(f"/staff/recovery/people/{private.reference}").content.decode()

    assert "Shared note" in shared_page
    assert shared_page.count("<svg") == 4
    assert "Private note" not in private_page
    assert "have not agreed to share" in private_page
    assert CheckIn.objects.count() == 2
    assert set(
        AuditEvent.objects.filter(action=AuditAction.VIEWED_RECOVERY).values_list("request_reference", flat=True)
    ) == {
        sharing.reference,
        private.reference,
    }


def test_ends_an_enrolment_and_closes_its_tasks(
    staff_client: Callable[[User], Client], triage_worker_a: User, organisation_a: Organisation
) -> None:
    enrolment = enrol(organisation_a, triage_worker_a)
    create_outreach(enrolment, [Outreach(Trigger.HELP_NOW, "Help.")])
    response = staff_client(triage_worker_a).post(f"/staff/recovery/people/{enrolment.reference}/end")

    assert response.status_code == 302
    assert Enrolment.objects.get().ended_at is not None
    assert not OutreachTask.objects.open().exists()
    assert AuditEvent.objects.filter(action=AuditAction.ENDED_RECOVERY).count() == 1


def test_closes_a_task(
    staff_client: Callable[[User], Client], triage_worker_a: User, organisation_a: Organisation
) -> None:
    enrolment = enrol(organisation_a, triage_worker_a)
    create_outreach(enrolment, [Outreach(Trigger.HELP_NOW, "Help.")])
    task = OutreachTask.objects.get()
    staff_client(triage_worker_a).post(f"/staff/recovery/tasks/{task.pk}/close")

    assert OutreachTask.objects.get().closed_by == triage_worker_a
    assert AuditEvent.objects.filter(action=AuditAction.CLOSED_OUTREACH).count() == 1


def test_organisation_b_cannot_see_or_touch_organisation_a_people(
    staff_client: Callable[[User], Client],
    triage_worker_a: User,
    triage_worker_b: User,
    organisation_a: Organisation,
) -> None:
    enrolment = enrol(organisation_a, triage_worker_a)
    create_outreach(enrolment, [Outreach(Trigger.HELP_NOW, "Help reason.")])
    task = OutreachTask.objects.get()
    audit_before = AuditEvent.objects.count()
    client = staff_client(triage_worker_b)

    for method, path in staff_recovery_urls(enrolment.reference, task.pk):
        response = getattr(client, method)(path)
        assert response.status_code == 404, path
        assert enrolment.reference not in response.content.decode()
    listing = client.get("/staff/recovery/").content.decode()

    assert enrolment.reference not in listing
    assert "Help reason." not in listing
    assert Enrolment.objects.get().ended_at is None
    assert OutreachTask.objects.get().closed_at is None
    assert AuditEvent.objects.count() == audit_before


def test_the_public_cannot_reach_the_staff_pages(organisation_a: Organisation, triage_worker_a: User) -> None:
    enrolment = enrol(organisation_a, triage_worker_a)
    for path in ("/staff/recovery/", "/staff/recovery/invite", f"/staff/recovery/people/{enrolment.reference}"):
        assert Client().get(path).status_code == 302


def test_invites_from_a_request_with_its_contact_when_texts_are_safe(
    staff_client: Callable[[User], Client], triage_worker_a: User, organisation_a: Organisation
) -> None:
    from tests.triage.factories import make_request

    safe = make_request(organisation_a, contact_methods=["text"], safe_to_text=True, voicemail_ok=None)
    unsafe = make_request(organisation_a)
    client = staff_client(triage_worker_a)

    safe_page = client.get("/staff/recovery/invite", {"request": safe.reference}).content.decode()
    unsafe_page = client.get("/staff/recovery/invite", {"request": unsafe.reference}).content.decode()

    assert 'value="+447911123456"' in safe_page
    assert "+447911123456" not in unsafe_page
    assert "Ask them how to send the invitation first." in unsafe_page
    assert list(AuditEvent.objects.values_list("action", "request_reference")) == [
        (AuditAction.VIEWED_CONTACT_DETAILS, unsafe.reference),
        (AuditAction.VIEWED_CONTACT_DETAILS, safe.reference),
    ]


def test_cannot_invite_from_another_organisations_request(
    staff_client: Callable[[User], Client], triage_worker_b: User, organisation_a: Organisation
) -> None:
    from tests.triage.factories import make_request

    theirs = make_request(organisation_a)
    response = staff_client(triage_worker_b).get("/staff/recovery/invite", {"request": theirs.reference})
    assert response.status_code == 404
    assert "+447911123456" not in response.content.decode()
    assert not AuditEvent.objects.exists()


def test_the_request_page_links_to_an_invitation_prefilled_from_the_request(
    staff_client: Callable[[User], Client], triage_worker_a: User, organisation_a: Organisation
) -> None:
    from tests.triage.factories import make_request

    contact_request = make_request(organisation_a)
    page = staff_client(triage_worker_a).get(f"/staff/requests/{contact_request.reference}").content.decode()

    invitation = f"/staff/recovery/invite?request={contact_request.reference}"
    assert f'<a href="{invitation}">Invite to recovery support</a>' in page
