"""/staff/reports and /staff/reports.csv: the referral funnel for supervisors, counts only, one organisation."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_staff
from tests.treatment.report_data import busier_organisation_b, organisation_data
from waypost.accounts.models import Organisation, Role, User
from waypost.core.audit import AuditEvent

pytestmark = pytest.mark.django_db
StaffClient = Callable[[User], Client]
NOW = datetime.datetime(2026, 3, 15, 12, 0, tzinfo=datetime.UTC)
JANUARY_TO_FEBRUARY = "/staff/reports?from=2026-01&to=2026-02"
EXPECTED_CSV = """section,group,measure,value
funnel,2026-01,Requested,1
funnel,2026-01,First contact,1
funnel,2026-01,Assessed,1
funnel,2026-01,Referred,1
funnel,2026-01,Accepted,1
funnel,2026-01,Admitted,1
funnel,2026-02,Requested,1
funnel,2026-02,First contact,1
funnel,2026-02,Assessed,1
funnel,2026-02,Referred,1
funnel,2026-02,Accepted,0
funnel,2026-02,Admitted,0
funnel,total,Requested,2
funnel,total,First contact,2
funnel,total,Assessed,2
funnel,total,Referred,2
funnel,total,Accepted,1
funnel,total,Admitted,1
time between steps,Requested to first contact,requests,2
time between steps,Requested to first contact,median hours,2.0
time between steps,Requested to first contact,90th percentile hours,24.0
time between steps,First contact to assessed,requests,1
time between steps,First contact to assessed,median hours,22.0
time between steps,First contact to assessed,90th percentile hours,22.0
time between steps,Assessed to referred,requests,1
time between steps,Assessed to referred,median hours,24.0
time between steps,Assessed to referred,90th percentile hours,24.0
time between steps,Referred to accepted,requests,1
time between steps,Referred to accepted,median hours,24.0
time between steps,Referred to accepted,90th percentile hours,24.0
time between steps,Accepted to admitted,requests,1
time between steps,Accepted to admitted,median hours,48.0
time between steps,Accepted to admitted,90th percentile hours,48.0
destination,Hillside House,sent,1
destination,Hillside House,accepted,0
destination,Hillside House,admitted,0
destination,Hillside House,acceptance %,0
destination,Hillside House,admission %,0
destination,Riverside Clinic,sent,1
destination,Riverside Clinic,accepted,1
destination,Riverside Clinic,admitted,1
destination,Riverside Clinic,acceptance %,100
destination,Riverside Clinic,admission %,100
declined reason,No place available,referrals,1
""".replace("\n", "\r\n")


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=True):
        yield


def test_the_csv_holds_exactly_the_organisations_funnel_times_rates_and_reasons(
    staff_client: StaffClient, supervisor_a: User, organisation_a: Organisation
) -> None:
    organisation_data(organisation_a)

    response = staff_client(supervisor_a).get("/staff/reports.csv?from=2026-01&to=2026-02")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="referral-funnel-organisation-a-2026-01-to-2026-02.csv"'
    )
    assert response.content.decode() == EXPECTED_CSV
    assert AuditEvent.objects.count() == 0


def test_the_page_shows_the_funnel_as_a_chart_and_the_same_figures_as_tables(
    staff_client: StaffClient, organisation_admin_a: User, organisation_a: Organisation
) -> None:
    requests = organisation_data(organisation_a)

    response = staff_client(organisation_admin_a).get(JANUARY_TO_FEBRUARY)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Reports \N{EN DASH} " in html
    assert '<svg class="chart" role="img" aria-labelledby="funnel-chart-title funnel-chart-desc"' in html
    assert (
        '<desc id="funnel-chart-desc">Requested: 2. First contact: 2. Assessed: 2. Referred: 2. Accepted: 1. '
        "Admitted: 1. </desc>"
    ) in html
    assert ('<tr><th scope="row">2026-02</th><td>1</td><td>1</td><td>1</td><td>1</td><td>0</td><td>0</td></tr>') in html
    assert (
        '<tr><th scope="row">Requested to first contact</th><td>2</td><td>2 h 0 min</td><td>24 h 0 min</td></tr>'
        in html
    )
    assert (
        '<tr><th scope="row">Riverside Clinic</th><td>1</td><td>1</td><td>1</td><td>100%</td><td>100%</td></tr>'
    ) in html
    assert '<tr><th scope="row">No place available</th><td>1</td></tr>' in html
    assert "No one referred in this period is recorded as not attending." in html
    assert 'href="/staff/reports.csv?organisation=organisation-a&amp;from=2026-01&amp;to=2026-02"' in html
    assert 'style="' not in html
    for request in requests:
        assert request.reference not in html
    assert "07911" not in html
    assert AuditEvent.objects.count() == 0


def test_organisation_b_requests_and_referrals_are_never_counted_in_organisation_as_report(
    staff_client: StaffClient, supervisor_a: User, organisation_a: Organisation, organisation_b: Organisation
) -> None:
    organisation_data(organisation_a)
    busier_organisation_b(organisation_b)

    response = staff_client(supervisor_a).get("/staff/reports.csv?from=2026-01&to=2026-02")

    assert response.content.decode() == EXPECTED_CSV
    b_response = staff_client(make_staff("supervisor-b", organisation_b, Role.SUPERVISOR)).get(
        "/staff/reports.csv?from=2026-01&to=2026-01"
    )
    b_rows = b_response.content.decode().splitlines()
    assert b_rows[1:7] == [f"funnel,2026-01,{step},3" for step in ("Requested", "First contact", "Assessed")] + [
        "funnel,2026-01,Referred,3",
        "funnel,2026-01,Accepted,0",
        "funnel,2026-01,Admitted,0",
    ]
    assert b_rows[-1] == "did not attend reason,Did not attend the intake,referrals,3"


def test_a_supervisor_of_organisation_b_asking_for_organisation_as_report_gets_a_404(
    staff_client: StaffClient, organisation_a: Organisation, organisation_b: Organisation
) -> None:
    organisation_data(organisation_a)
    client = staff_client(make_staff("supervisor-b", organisation_b, Role.SUPERVISOR))

    page = client.get("/staff/reports?organisation=organisation-a")
    csv = client.get("/staff/reports.csv?organisation=organisation-a")

    assert (page.status_code, csv.status_code) == (404, 404)
    assert "Riverside Clinic" not in page.content.decode() + csv.content.decode()


def test_without_a_period_the_report_covers_the_last_twelve_months(
    staff_client: StaffClient, supervisor_a: User, organisation_a: Organisation
) -> None:
    response = staff_client(supervisor_a).get("/staff/reports")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Requests from 2025-04 to 2026-03, step by step" in html
    assert html.count('<tr><th scope="row">20') == 12
    assert 'value="2025-04"' in html
    assert 'value="2026-03"' in html


@pytest.mark.parametrize(
    ("query", "message", "field"),
    [
        ("from=2026-13", "Enter the first month as a year and month, like 2026-01", "from"),
        ("from=2026-01&to=soon", "Enter the last month as a year and month, like 2026-01", "to"),
        ("from=2026-03&to=2026-01", "The first month must be the same as or before the last month", "from"),
        ("from=2020-01&to=2026-01", "Choose a period of 60 months or less", "from"),
    ],
)
def test_a_bad_period_is_explained_on_the_page_and_in_the_csv_answer(
    staff_client: StaffClient, supervisor_a: User, query: str, message: str, field: str
) -> None:
    client = staff_client(supervisor_a)

    page = client.get(f"/staff/reports?{query}")
    csv = client.get(f"/staff/reports.csv?{query}")

    html = page.content.decode()
    assert page.status_code == 400
    assert "<title>Error: Reports \N{EN DASH} " in html
    assert f'<li><a href="#period-{field}">{message}</a></li>' in html
    assert (
        f'<p class="error-message" id="period-{field}-error"><span class="visually-hidden">Error:</span> {message}</p>'
        in html
    )
    assert "<svg" not in html
    assert (csv.status_code, csv["Content-Type"], csv.content.decode()) == (400, "text/plain; charset=utf-8", message)


@pytest.mark.parametrize(
    ("role", "is_shown"),
    [(Role.ADMISSIONS, False), (Role.CLINICIAN, False), (Role.SUPERVISOR, True), (Role.ORGANISATION_ADMIN, True)],
)
def test_the_staff_navigation_offers_reports_only_to_supervising_roles(
    staff_client: StaffClient, organisation_a: Organisation, role: Role, is_shown: bool
) -> None:
    html = staff_client(make_staff(f"{role.value}-a", organisation_a, role)).get("/staff/").content.decode()

    assert ('<a href="/staff/reports">Reports</a>' in html) is is_shown


@pytest.mark.parametrize("path", ["/staff/reports", "/staff/reports.csv"])
def test_admissions_and_clinicians_are_told_plainly_the_reports_are_not_theirs(
    staff_client: StaffClient, organisation_a: Organisation, path: str
) -> None:
    for role in (Role.ADMISSIONS, Role.CLINICIAN):
        response = staff_client(make_staff(f"{role.value}-a", organisation_a, role)).get(path)

        assert response.status_code == 403
        assert "<h1>You do not have access to this page</h1>" in response.content.decode()


def test_the_report_reads_the_same_few_queries_however_many_requests_and_referrals_there_are(
    staff_client: StaffClient, supervisor_a: User, organisation_a: Organisation, organisation_b: Organisation
) -> None:
    client = staff_client(supervisor_a)
    organisation_data(organisation_a)
    with CaptureQueriesContext(connection) as few:
        client.get("/staff/reports.csv?from=2026-01&to=2026-02")
    organisation_data(organisation_a)
    busier_organisation_b(organisation_b)
    with CaptureQueriesContext(connection) as more:
        client.get("/staff/reports.csv?from=2026-01&to=2026-02")

    # The user with their memberships, their device, the organisation; then the requests, then the referrals
    assert len(few) == len(more) == 5, [query["sql"][:90] for query in more.captured_queries]
    assert len([query for query in more.captured_queries if "treatment_referral" in query["sql"]]) == 1
