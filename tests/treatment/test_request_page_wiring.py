"""The triage request page carries the assessment and referrals, and the pathway moves the request along with them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from tests.treatment.test_assessment_views import assess
from tests.triage.factories import make_request
from waypost.accounts.models import Organisation, User
from waypost.intake.choices import Outcome, Status
from waypost.intake.models import ContactRequest
from waypost.treatment.models import Referral
from waypost.triage.models import Activity, ActivityKind
from waypost.triage.services import REFERRALS_NOT_ENDED, CloseRefused, close_request

pytestmark = pytest.mark.django_db
StaffClient = Callable[[User], Client]


def test_the_request_page_shows_the_assessment_and_the_referrals_with_their_links(
    staff_client: StaffClient, clinician_a: User, sent_to_b: Referral
) -> None:
    reference = sent_to_b.contact_request.reference

    page = staff_client(clinician_a).get(f"/staff/requests/{reference}").content.decode()

    assert 'id="assessment-summary-heading">Assessment</h2>' in page
    assert f'href="/staff/requests/{reference}/assessment">Update the assessment</a>' in page
    assert f'href="/staff/referrals/{sent_to_b.reference}">{sent_to_b.reference}</a>' in page
    assert f'href="/staff/requests/{reference}/refer">Refer this request</a>' in page


def test_admissions_staff_are_offered_to_read_the_assessment_but_not_to_refer(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    reference = make_request(organisation_a).reference

    page = staff_client(triage_worker_a).get(f"/staff/requests/{reference}").content.decode()

    assert f'href="/staff/requests/{reference}/assessment">See the assessment</a>' in page
    assert "No referrals yet." in page
    assert "Refer this request" not in page


def test_a_clinician_sees_assess_this_request_before_any_assessment(
    staff_client: StaffClient, clinician_a: User, organisation_a: Organisation
) -> None:
    reference = make_request(organisation_a).reference

    page = staff_client(clinician_a).get(f"/staff/requests/{reference}").content.decode()

    assert f'href="/staff/requests/{reference}/assessment">Assess this request</a>' in page


def test_saving_an_assessment_moves_a_new_request_to_assessed_on_its_timeline(
    clinician_a: User, organisation_a: Organisation
) -> None:
    contact_request = make_request(organisation_a)

    assess(clinician_a, contact_request)

    moved = ContactRequest.objects.get(pk=contact_request.pk)
    change = Activity.objects.get(contact_request=moved, kind=ActivityKind.STATUS_CHANGED)
    assert (moved.status, change.status_from, change.status_to) == (Status.ASSESSED, Status.NEW, Status.ASSESSED)


def test_an_assessment_never_moves_a_referred_request_back(clinician_a: User, organisation_a: Organisation) -> None:
    contact_request = make_request(organisation_a)
    ContactRequest.objects.filter(pk=contact_request.pk).update(status=Status.REFERRED_ON)

    assess(clinician_a, contact_request)

    assert ContactRequest.objects.get(pk=contact_request.pk).status == Status.REFERRED_ON
    assert not Activity.objects.filter(kind=ActivityKind.STATUS_CHANGED).exists()


def test_sending_a_referral_moves_the_request_to_referred_on(sent_to_b: Referral) -> None:
    assert ContactRequest.objects.get(pk=sent_to_b.contact_request_id).status == Status.REFERRED_ON


def test_closing_with_a_referral_not_ended_is_refused_on_the_page_and_nothing_changes(
    staff_client: StaffClient, clinician_a: User, sent_to_b: Referral
) -> None:
    contact_request = ContactRequest.objects.get(pk=sent_to_b.contact_request_id)
    form = {"version": contact_request.version, "outcome": Outcome.DECLINED, "note": "", "destination": ""}

    response = staff_client(clinician_a).post(f"/staff/requests/{contact_request.reference}/close", form)

    assert response.status_code == 400
    assert "This request has referrals that have not ended." in response.content.decode()
    unchanged = ContactRequest.objects.get(pk=contact_request.pk)
    assert (unchanged.status, unchanged.version) == (Status.REFERRED_ON, contact_request.version)


def test_the_close_service_itself_refuses_while_a_referral_has_not_ended(
    clinician_a: User, sent_to_b: Referral
) -> None:
    contact_request = ContactRequest.objects.get(pk=sent_to_b.contact_request_id)

    with pytest.raises(CloseRefused, match=REFERRALS_NOT_ENDED):
        close_request(
            actor=clinician_a,
            contact_request=contact_request,
            outcome=Outcome.DECLINED,
            version=contact_request.version,
            page="/test",
        )


def test_a_request_closes_once_every_referral_has_ended(clinician_a: User, sent_to_b: Referral) -> None:
    Referral.objects.filter(pk=sent_to_b.pk).update(status="completed")
    contact_request = ContactRequest.objects.get(pk=sent_to_b.contact_request_id)

    close_request(
        actor=clinician_a,
        contact_request=contact_request,
        outcome=Outcome.ADMITTED,
        version=contact_request.version,
        page="/test",
        note="Admitted to the provider",
        destination="Provider B",
    )

    assert ContactRequest.objects.get(pk=contact_request.pk).status == Status.CLOSED
