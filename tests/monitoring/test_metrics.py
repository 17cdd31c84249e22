"""/metrics: Prometheus text behind a bearer token, with requests by route name and figures from the database."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families
from pytest_django.fixtures import Settings

from tests.triage.factories import make_request
from waypost.accounts.models import Organisation
from waypost.intake.models import ContactRequest
from waypost.notifications.models import Channel, OutboundMessage, Status

TOKEN = "metrics-token-for-the-tests-0123456789abcdef"


@pytest.fixture
def metrics_on(settings: Settings) -> None:
    settings.METRICS_TOKEN = TOKEN


def scrape(client: Client) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def value(samples: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def test_metrics_are_not_found_while_no_token_is_set(settings: Settings) -> None:
    settings.METRICS_TOKEN = ""

    response = Client().get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")

    assert response.status_code == 404


@pytest.mark.parametrize("authorization", ["", f"Bearer {TOKEN}x", f"Basic {TOKEN}", TOKEN])
def test_metrics_need_the_bearer_token(metrics_on: None, authorization: str) -> None:
    response = Client().get("/metrics", HTTP_AUTHORIZATION=authorization)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="metrics"'
    assert "waypost_" not in response.content.decode()


@pytest.mark.django_db
def test_requests_are_counted_by_route_name_and_status_never_by_path(metrics_on: None) -> None:
    client = Client()
    before = scrape(client)
    secret_link = "/referral-link/a-secret-provider-token"

    client.get("/urgent")
    client.get("/urgent")
    client.get(secret_link)
    client.get("/no-such-page")
    after = scrape(client)

    def counted(route: str, status: str) -> float:
        labels = {"route": route, "method": "GET", "status": status}
        return value(after, "waypost_http_requests_total", **labels) - value(
            before, "waypost_http_requests_total", **labels
        )

    assert counted("core:urgent", "200") == 2
    assert counted("treatment:provider_link", "410") == 1
    assert counted("unmatched", "404") == 1
    duration_count = value(after, "waypost_http_request_duration_seconds_count", route="core:urgent", method="GET")
    assert (
        duration_count - value(before, "waypost_http_request_duration_seconds_count", route="core:urgent", method="GET")
        == 2
    )
    exposition = Client().get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content.decode()
    assert "a-secret-provider-token" not in exposition
    assert "referral-link" not in exposition


@pytest.mark.django_db
def test_the_outbox_figures_count_each_state_and_the_oldest_due_message(metrics_on: None) -> None:
    now = timezone.now()
    make_message(Status.QUEUED, next_attempt_at=now - datetime.timedelta(minutes=10))
    make_message(Status.QUEUED, next_attempt_at=now - datetime.timedelta(minutes=2), attempts=1)
    make_message(
        Status.QUEUED,
        next_attempt_at=now + datetime.timedelta(hours=1),
        attempts=3,
        created_at=now - datetime.timedelta(hours=3),
    )
    make_message(Status.SENDING, claim_expires_at=now + datetime.timedelta(minutes=5))
    make_message(Status.FAILED)
    make_message(Status.UNCERTAIN)
    make_message(Status.UNCERTAIN, handled_at=now)
    make_message(Status.SENT, sent_at=now)

    samples = scrape(Client())

    assert value(samples, "waypost_outbox_messages", status="queued") == 3
    assert value(samples, "waypost_outbox_messages", status="claimed") == 0
    assert value(samples, "waypost_outbox_messages", status="sending") == 1
    assert value(samples, "waypost_outbox_due_messages") == 2
    assert value(samples, "waypost_outbox_retrying_messages") == 2
    assert 600 <= value(samples, "waypost_outbox_oldest_due_age_seconds") < 660
    assert 3 * 3600 <= value(samples, "waypost_outbox_oldest_unsent_age_seconds") < 3 * 3600 + 60
    assert value(samples, "waypost_outbox_delivery_failures", status="failed") == 1
    assert value(samples, "waypost_outbox_delivery_failures", status="uncertain") == 1
    assert value(samples, "waypost_database_figures_available") == 1


def make_message(status: Status, **fields: object) -> OutboundMessage:
    message: OutboundMessage = OutboundMessage.objects.create(
        channel=Channel.EMAIL, template="test", recipient="person@example.org", body="Hello", status=status, **fields
    )
    return message


@pytest.mark.django_db
def test_the_queue_figures_count_open_and_overdue_requests_by_status_without_personal_data(
    metrics_on: None, organisation_a: Organisation, settings: Settings
) -> None:
    settings.FIRST_CONTACT_TARGET_MINUTES = 60
    overdue = make_request(organisation_a)
    ContactRequest.objects.filter(pk=overdue.pk).update(created_at=timezone.now() - datetime.timedelta(hours=2))
    make_request(organisation_a)
    attempted = make_request(organisation_a)
    ContactRequest.objects.filter(pk=attempted.pk).update(status="contact-attempted")
    closed = make_request(organisation_a)
    ContactRequest.objects.filter(pk=closed.pk).update(status="closed")

    samples = scrape(Client())
    exposition = Client().get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content.decode()

    assert value(samples, "waypost_contact_requests_open", status="new") == 2
    assert value(samples, "waypost_contact_requests_open", status="contact-attempted") == 1
    assert value(samples, "waypost_contact_requests_overdue", status="new") == 1
    assert value(samples, "waypost_contact_requests_overdue", status="contact-attempted") == 0
    assert ("waypost_contact_requests_open", frozenset({("status", "closed")})) not in samples
    assert overdue.reference not in exposition
    assert organisation_a.slug not in exposition


@pytest.mark.django_db
def test_metrics_still_answer_when_the_database_does_not(metrics_on: None) -> None:
    with mock.patch(
        "waypost.monitoring.figures.summarise_outbox", side_effect=OperationalError("the database went away")
    ):
        samples = scrape(Client())

    assert value(samples, "waypost_database_figures_available") == 0
    assert ("waypost_outbox_due_messages", frozenset()) not in samples


def test_a_short_metrics_token_is_refused_at_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.core.exceptions import ImproperlyConfigured

    from waypost.config.environment import env_token

    monkeypatch.setenv("WAYPOST_METRICS_TOKEN", "short")

    with pytest.raises(ImproperlyConfigured, match="WAYPOST_METRICS_TOKEN is too short"):
        env_token("WAYPOST_METRICS_TOKEN", minimum_length=32)


@pytest.mark.django_db
def test_a_metric_that_cannot_be_written_never_costs_the_page(metrics_on: None) -> None:
    client = Client()
    with mock.patch("waypost.monitoring.metrics.REQUESTS.labels", side_effect=OSError("No space left on device")):
        response = client.get("/urgent")

    assert response.status_code == 200
    assert "Call 999 now" in response.content.decode()
