"""Contact requests, assessments and referrals with set dates, made directly with the models, for report tests."""

from __future__ import annotations

import datetime
from itertools import count

from tests.triage.factories import make_request
from waypost.accounts.models import Organisation
from waypost.intake.models import ContactRequest
from waypost.treatment.choices import Channel, ReasonCode, TaskStatus
from waypost.treatment.models import Assessment, Referral, ReferralEvent

REFERENCES = count(1)


def at(month: int, day: int, hour: int) -> datetime.datetime:
    # January to March 2026 in Europe/London is UTC, so local months and hours read the same
    return datetime.datetime(2026, month, day, hour, tzinfo=datetime.UTC)


def request_made(
    organisation: Organisation, created_at: datetime.datetime, first_contact_at: datetime.datetime | None
) -> ContactRequest:
    request = make_request(organisation)
    ContactRequest.objects.filter(pk=request.pk).update(created_at=created_at, first_contact_at=first_contact_at)
    return request


def assessed(request: ContactRequest, organisation: Organisation, when: datetime.datetime) -> None:
    Assessment.objects.create(
        contact_request=request,
        organisation=organisation,
        assessed_by_name="A clinician",
        created_at=when,
        updated_at=when,
    )


def referred(
    request: ContactRequest,
    organisation: Organisation,
    destination: str,
    steps: list[tuple[TaskStatus, datetime.datetime]],
    reason: str = "",
) -> Referral:
    """A referral sent at the first step's time that then moved through the others."""
    sent_at = steps[0][1]
    referral = Referral.objects.create(
        reference=f"WR-{next(REFERENCES):04d}",
        contact_request=request,
        sending_organisation=organisation,
        destination_name=destination,
        status=steps[-1][0],
        reason_code=reason,
        consented_at=sent_at,
        shared_items="name,contact",
        created_at=sent_at,
        updated_at=steps[-1][1],
        response_due_at=sent_at + datetime.timedelta(days=3),
    )
    previous = ""
    for status, when in steps:
        ReferralEvent.objects.create(
            referral=referral, at=when, status_from=previous, status_to=status, actor_name="A", channel=Channel.CONSOLE
        )
        previous = status
    return referral


def organisation_data(organisation: Organisation) -> list[ContactRequest]:
    """One request admitted at Riverside Clinic in January, one declined by Hillside House in February."""
    admitted = request_made(organisation, at(1, 5, 10), at(1, 5, 12))
    assessed(admitted, organisation, at(1, 6, 10))
    referred(
        admitted,
        organisation,
        "Riverside Clinic",
        [
            (TaskStatus.REQUESTED, at(1, 7, 10)),
            (TaskStatus.ACCEPTED, at(1, 8, 10)),
            (TaskStatus.IN_PROGRESS, at(1, 9, 10)),
            (TaskStatus.COMPLETED, at(1, 10, 10)),
        ],
    )
    declined = request_made(organisation, at(2, 10, 9), at(2, 11, 9))
    referred(
        declined,
        organisation,
        "Hillside House",
        [(TaskStatus.REQUESTED, at(2, 12, 9)), (TaskStatus.REJECTED, at(2, 13, 9))],
        ReasonCode.NO_CAPACITY,
    )
    return [admitted, declined]


def busier_organisation_b(organisation_b: Organisation) -> None:
    """Organisation B's own requests and referrals in the same months, none of which A may count."""
    for day in (3, 4, 5):
        request = request_made(organisation_b, at(1, day, 9), at(1, day, 10))
        assessed(request, organisation_b, at(1, day, 11))
        referred(
            request,
            organisation_b,
            "Riverside Clinic",
            [(TaskStatus.REQUESTED, at(1, day, 12)), (TaskStatus.FAILED, at(1, day + 7, 12))],
            ReasonCode.DID_NOT_ATTEND,
        )
