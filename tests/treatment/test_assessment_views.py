"""The assessment page and the level-of-care decision: roles, scope, audit, encryption, conflicts, validation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.urls import URLPattern, get_resolver

from tests.conftest import make_staff
from tests.triage.factories import make_request
from waypost.accounts.models import Organisation, Role, User
from waypost.core.audit import AuditAction, AuditEvent
from waypost.intake.models import ContactRequest
from waypost.treatment import services
from waypost.treatment.assessment_presenters import assessment_summary
from waypost.treatment.models import Assessment

pytestmark = pytest.mark.django_db

SHARED_SELFCHECK = [
    {"questionnaire": "phq-9", "band": "moderate", "flags": []},
    {"questionnaire": "bladder-signs", "band": "many", "flags": ["blood-in-urine"]},
]
RATINGS = {"withdrawal": "3", "physical": "0", "mental": "0", "readiness": "0", "relapse": "0", "environment": "0"}


def form_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "version": 0,
        "benefits_check": "not-needed",
        "other_substances": ["alcohol"],
        "payment": "self-pay",
        "withdrawal_evidence": "Shaking and sweating each morning before using",
    }
    data.update({f"{dimension}_rating": rating for dimension, rating in RATINGS.items()})
    data.update(changes)
    return data


@pytest.fixture
def contact_request(organisation_a: Organisation) -> ContactRequest:
    return make_request(organisation_a, selfcheck_summary=SHARED_SELFCHECK)


def assessment_path(request: ContactRequest) -> str:
    return f"/staff/requests/{request.reference}/assessment"


def level_path(request: ContactRequest) -> str:
    return f"/staff/requests/{request.reference}/level-of-care"


def actions() -> list[str]:
    """The audit trail, less the request's move to "assessed" (tests/treatment/test_request_page_wiring.py)."""
    events = AuditEvent.objects.exclude(action=AuditAction.CHANGED_STATUS).order_by("pk")
    return list(events.values_list("action", flat=True))


def assess(user: User, request: ContactRequest) -> Assessment:
    form = form_data()
    answers = services.AssessmentAnswers(
        ratings={name: int(value) for name, value in RATINGS.items()},
        evidence={"withdrawal": form["withdrawal_evidence"]},
        other_substances=("alcohol",),
        payment="self-pay",
    )
    return services.record_assessment(actor=user, request=request, answers=answers, expected_version=0, page="/test")


def test_the_page_shows_the_shared_self_check_beside_the_form_and_audits_the_view(
    staff_client: Callable[[User], Client], clinician_a: User, contact_request: ContactRequest
) -> None:
    response = staff_client(clinician_a).get(assessment_path(contact_request))

    page = response.content.decode()
    assert response.status_code == 200
    assert "What they shared" in page
    assert "Moderate symptoms of depression." in page
    assert "Red flag: said they have seen blood in their urine" in page
    assert "blood-in-urine" not in page
    assert "Save the assessment" in page
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.request_reference) == (
        AuditAction.VIEWED_REQUEST,
        clinician_a,
        contact_request.reference,
    )
    assert event.page == assessment_path(contact_request)


def test_saving_an_assessment_stores_the_ratings_and_the_suggestion_with_its_reasons_and_is_audited(
    staff_client: Callable[[User], Client], clinician_a: User, contact_request: ContactRequest
) -> None:
    response = staff_client(clinician_a).post(assessment_path(contact_request), form_data())

    assert response.status_code == 302
    assert response["Location"] == assessment_path(contact_request) + "?notice=saved"
    saved = Assessment.objects.get(contact_request=contact_request)
    assert (saved.withdrawal_rating, saved.environment_rating, saved.version) == (3, 0, 1)
    assert (saved.other_substances, saved.payment, saved.assessed_by) == ("alcohol", "self-pay", clinician_a)
    assert saved.suggested_level == "withdrawal"
    assert (saved.suggested_reasons or "").splitlines() == [
        "Intoxication and withdrawal rated 3 (severe) → medically supervised withdrawal",
        "Uses alcohol as well, with withdrawal rated 2 or more → medically supervised withdrawal",
        "Visible blood in urine → urology referral as well",
        "Moderate or worse symptoms of depression (PHQ-9) → services that treat both",
    ]
    event = AuditEvent.objects.get(action=AuditAction.ASSESSED)
    assert (event.action, event.detail, event.request_reference) == (
        AuditAction.ASSESSED,
        "suggested withdrawal",
        contact_request.reference,
    )


def test_the_page_shows_the_suggestion_its_reasons_and_the_care_types_that_fit(
    staff_client: Callable[[User], Client], clinician_a: User, contact_request: ContactRequest
) -> None:
    assess(clinician_a, contact_request)

    page = staff_client(clinician_a).get(assessment_path(contact_request)).content.decode()

    assert "Suggested level of care: Medically supervised withdrawal" in page
    assert "Intoxication and withdrawal rated 3 (severe) → medically supervised withdrawal" in page
    assert "Medically supervised withdrawal (inpatient)" in page
    assert "Co-occurring mental health (dual diagnosis)" in page
    assert "Urology or bladder clinic" in page
    assert "Not yet confirmed by a clinician" in page


def test_insurer_and_member_number_are_encrypted_at_rest(
    staff_client: Callable[[User], Client], clinician_a: User, contact_request: ContactRequest
) -> None:
    data = form_data(payment="private-insurance", insurer="Acme Health Plan", member_number="ZX-998877")

    response = staff_client(clinician_a).post(assessment_path(contact_request), data)

    assert response.status_code == 302
    with connection.cursor() as cursor:
        cursor.execute("SELECT insurer, member_number FROM treatment_assessment")
        raw_insurer, raw_member = cursor.fetchone()
    assert "Acme" not in raw_insurer
    assert "998877" not in raw_member
    saved = Assessment.objects.get()
    assert (saved.insurer, saved.member_number) == ("Acme Health Plan", "ZX-998877")


def test_insurer_and_member_number_are_not_kept_unless_they_pay_through_private_insurance(
    staff_client: Callable[[User], Client], clinician_a: User, contact_request: ContactRequest
) -> None:
    data = form_data(payment="medicaid", insurer="Acme Health Plan", member_number="ZX-998877")

    staff_client(clinician_a).post(assessment_path(contact_request), data)

    assert Assessment.objects.values_list("payment", "insurer", "member_number").get() == ("medicaid", None, None)


@pytest.mark.parametrize(
    ("changes", "messages"),
    [
        (
            {"payment": "private-insurance"},
            ["Enter the name of the insurer", "Enter the member number"],
        ),
        ({"withdrawal_evidence": ""}, ["Enter the evidence for the intoxication and withdrawal rating"]),
        ({"benefits_check": "verified"}, ["Enter what the insurer or funder said"]),
        ({"mental_rating": "7"}, ["Select a rating from 0 to 4"]),
        ({"benefits_check": ""}, ["Select where the benefits check stands"]),
    ],
)
def test_an_incomplete_assessment_is_refused_with_messages_and_nothing_is_saved(
    staff_client: Callable[[User], Client],
    clinician_a: User,
    contact_request: ContactRequest,
    changes: dict[str, str],
    messages: list[str],
) -> None:
    response = staff_client(clinician_a).post(assessment_path(contact_request), form_data(**changes))

    page = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: Assessment of request" in page
    for message in messages:
        assert message in page
    assert Assessment.objects.count() == 0
    assert actions() == []


def test_a_stale_version_is_a_conflict_and_changes_nothing(
    staff_client: Callable[[User], Client], clinician_a: User, supervisor_a: User, contact_request: ContactRequest
) -> None:
    assess(supervisor_a, contact_request)

    data = form_data(relapse_rating="4", relapse_evidence="Used again within a day of stopping")
    response = staff_client(clinician_a).post(assessment_path(contact_request), data)

    assert response["Location"] == assessment_path(contact_request) + "?notice=conflict"
    saved = Assessment.objects.get()
    assert (saved.relapse_rating, saved.version, saved.assessed_by) == (0, 1, supervisor_a)
    assert actions() == [AuditAction.ASSESSED]


def test_a_second_first_save_with_version_zero_is_a_conflict(
    clinician_a: User, supervisor_a: User, contact_request: ContactRequest
) -> None:
    assess(supervisor_a, contact_request)

    with pytest.raises(services.AssessmentConflict):
        assess(clinician_a, contact_request)
    assert Assessment.objects.get().assessed_by == supervisor_a


def test_admissions_staff_may_read_the_assessment_but_not_write_it(
    staff_client: Callable[[User], Client],
    triage_worker_a: User,
    clinician_a: User,
    contact_request: ContactRequest,
) -> None:
    assess(clinician_a, contact_request)
    client = staff_client(triage_worker_a)

    page = client.get(assessment_path(contact_request))
    write = client.post(
        assessment_path(contact_request), form_data(version=1, relapse_rating="1", relapse_evidence="x")
    )
    decide = client.post(level_path(contact_request), {"version": 1, "level": "withdrawal"})

    assert page.status_code == 200
    assert "Save the assessment" not in page.content.decode()
    assert "Suggested level of care" in page.content.decode()
    assert (write.status_code, decide.status_code) == (403, 403)
    saved = Assessment.objects.get()
    assert (saved.relapse_rating, saved.version, saved.confirmed_level) == (0, 1, "")
    assert actions() == [AuditAction.ASSESSED, AuditAction.VIEWED_REQUEST]


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.ORGANISATION_ADMIN])
def test_supervisors_and_organisation_admins_may_assess(
    staff_client: Callable[[User], Client], organisation_a: Organisation, contact_request: ContactRequest, role: Role
) -> None:
    user = make_staff(f"assessor-{role}", organisation_a, role)

    response = staff_client(user).post(assessment_path(contact_request), form_data())

    assert response.status_code == 302
    assert Assessment.objects.get().assessed_by == user


def test_confirming_the_suggestion_records_who_and_is_audited(
    staff_client: Callable[[User], Client], clinician_a: User, contact_request: ContactRequest
) -> None:
    assess(clinician_a, contact_request)

    response = staff_client(clinician_a).post(level_path(contact_request), {"version": 1, "level": "withdrawal"})

    assert response["Location"] == assessment_path(contact_request) + "?notice=decided"
    saved = Assessment.objects.get()
    assert (saved.confirmed_level, saved.override_reason, saved.confirmed_by, saved.version) == (
        "withdrawal",
        None,
        clinician_a,
        2,
    )
    assert saved.confirmed_at is not None
    event = AuditEvent.objects.filter(action=AuditAction.CONFIRMED_LEVEL).get()
    assert (event.detail, event.request_reference) == ("withdrawal", contact_request.reference)


def test_overriding_the_suggestion_needs_a_reason(
    staff_client: Callable[[User], Client], clinician_a: User, contact_request: ContactRequest
) -> None:
    assess(clinician_a, contact_request)

    response = staff_client(clinician_a).post(level_path(contact_request), {"version": 1, "level": "residential"})

    assert response.status_code == 400
    assert "Enter why you chose a different level of care" in response.content.decode()
    assert Assessment.objects.get().confirmed_level == ""
    assert actions() == [AuditAction.ASSESSED]


def test_overriding_with_a_reason_is_audited_and_the_reason_is_encrypted(
    staff_client: Callable[[User], Client], clinician_a: User, contact_request: ContactRequest
) -> None:
    assess(clinician_a, contact_request)
    data = {"version": 1, "level": "residential", "reason": "Withdrawal unit has no bed; residential unit detoxes"}

    response = staff_client(clinician_a).post(level_path(contact_request), data)

    assert response.status_code == 302
    saved = Assessment.objects.get()
    assert (saved.confirmed_level, saved.override_reason) == ("residential", data["reason"])
    event = AuditEvent.objects.filter(action=AuditAction.OVERRODE_LEVEL).get()
    assert event.detail == "withdrawal -> residential"
    with connection.cursor() as cursor:
        cursor.execute("SELECT override_reason FROM treatment_assessment")
        assert "no bed" not in cursor.fetchone()[0]
    page = staff_client(clinician_a).get(assessment_path(contact_request)).content.decode()
    assert "Overridden: Residential treatment, by clinician-a" in page


def test_deciding_the_level_with_a_stale_version_is_a_conflict(
    staff_client: Callable[[User], Client], clinician_a: User, contact_request: ContactRequest
) -> None:
    assess(clinician_a, contact_request)

    response = staff_client(clinician_a).post(level_path(contact_request), {"version": 0, "level": "withdrawal"})

    assert response["Location"] == assessment_path(contact_request) + "?notice=conflict"
    assert Assessment.objects.get().confirmed_level == ""
    assert actions() == [AuditAction.ASSESSED]


def test_the_level_cannot_be_decided_before_the_assessment_is_saved(
    staff_client: Callable[[User], Client], clinician_a: User, contact_request: ContactRequest
) -> None:
    response = staff_client(clinician_a).post(level_path(contact_request), {"version": 0, "level": "outpatient"})

    assert response["Location"] == assessment_path(contact_request) + "?notice=assess-first"
    assert (Assessment.objects.count(), actions()) == (0, [])


def test_a_new_suggestion_clears_the_earlier_decision(
    staff_client: Callable[[User], Client], clinician_a: User, contact_request: ContactRequest
) -> None:
    assess(clinician_a, contact_request)
    client = staff_client(clinician_a)
    client.post(level_path(contact_request), {"version": 1, "level": "withdrawal"})

    data = form_data(version=2, withdrawal_rating="1", other_substances=[], relapse_rating="4")
    data["relapse_evidence"] = "Used again the day after each of three attempts to stop"
    client.post(assessment_path(contact_request), data)

    saved = Assessment.objects.get()
    assert (saved.suggested_level, saved.confirmed_level, saved.confirmed_by, saved.version) == (
        "residential",
        "",
        None,
        3,
    )


def test_an_unchanged_suggestion_keeps_the_decision(
    staff_client: Callable[[User], Client], clinician_a: User, contact_request: ContactRequest
) -> None:
    assess(clinician_a, contact_request)
    client = staff_client(clinician_a)
    client.post(level_path(contact_request), {"version": 1, "level": "withdrawal"})

    client.post(assessment_path(contact_request), form_data(version=2, language="pl"))

    saved = Assessment.objects.get()
    assert (saved.language, saved.confirmed_level, saved.version) == ("pl", "withdrawal", 3)


def treatment_request_urls(reference: str) -> list[str]:
    """The assessment URLs under staff/requests/, found from the URLconf itself (tests/treatment/test_referral_scope.py
    covers every treatment URL)."""
    paths = []
    for pattern in get_resolver().url_patterns:
        for inner in getattr(pattern, "url_patterns", []):
            route = str(inner.pattern)
            is_assessment_url = (
                inner.name in ("assessment", "level_of_care") if isinstance(inner, URLPattern) else False
            )
            if is_assessment_url and route.startswith("staff/requests/<str:reference>/"):
                paths.append("/" + route.replace("<str:reference>", reference))
    return paths


def test_both_assessment_urls_are_found() -> None:
    assert treatment_request_urls("ABCD-2346") == [
        "/staff/requests/ABCD-2346/assessment",
        "/staff/requests/ABCD-2346/level-of-care",
    ]


@pytest.mark.parametrize("role", [Role.ADMISSIONS, Role.CLINICIAN])
def test_another_organisation_gets_a_404_for_every_assessment_url(
    staff_client: Callable[[User], Client],
    organisation_b: Organisation,
    clinician_a: User,
    contact_request: ContactRequest,
    role: Role,
) -> None:
    assess(clinician_a, contact_request)
    client = staff_client(make_staff(f"staff-b-{role}", organisation_b, role))

    for path in treatment_request_urls(contact_request.reference):
        for response in (client.get(path), client.post(path, form_data(version=1, level="outpatient"))):
            assert response.status_code in (404, 405), path
            assert contact_request.reference not in response.content.decode()
        assert client.post(path, form_data(version=1, level="outpatient")).status_code == 404

    saved = Assessment.objects.get()
    assert (saved.version, saved.confirmed_level) == (1, "")
    assert actions() == [AuditAction.ASSESSED]


def test_someone_signed_out_is_sent_to_sign_in(member_of_the_public: Client, contact_request: ContactRequest) -> None:
    response = member_of_the_public.get(assessment_path(contact_request))

    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login")
    assert actions() == []


def test_the_summary_include_shows_ratings_level_decision_and_payment(
    clinician_a: User, contact_request: ContactRequest
) -> None:
    assessment = assess(clinician_a, contact_request)

    html = render_to_string(
        "treatment/includes/assessment_summary.html", {"assessment_summary": assessment_summary(assessment)}
    )

    assert "Intoxication and withdrawal" in html
    assert "3 — severe" in html
    assert "Medically supervised withdrawal" in html
    assert "Not yet confirmed by a clinician" in html
    assert "Urology or bladder clinic" in html
    assert "Self-pay" in html
    assert "Not needed" in html
    assert "not the ASAM Criteria" in html
