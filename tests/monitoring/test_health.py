"""/healthz says the process answers; /readyz says the database answers and every migration is applied."""

from __future__ import annotations

import json
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from pytest_django.fixtures import DjangoAssertNumQueries, Settings

from waypost.monitoring import health


def test_healthz_answers_ok_without_asking_the_database(member_of_the_public: Client) -> None:
    with mock.patch("waypost.monitoring.health.connections") as connections:
        connections.__getitem__.return_value.cursor.side_effect = OperationalError("down")
        response = member_of_the_public.get("/healthz")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_ready_when_the_database_answers_and_migrations_are_applied(member_of_the_public: Client) -> None:
    response = member_of_the_public.get("/readyz")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ready", "database": "ok", "migrations": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_readyz_is_503_and_says_the_database_is_unavailable(member_of_the_public: Client) -> None:
    with mock.patch("waypost.monitoring.health.connections") as connections:
        connections.__getitem__.return_value.cursor.side_effect = OperationalError("down")
        response = member_of_the_public.get("/readyz")

    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "not ready", "database": "unavailable", "migrations": "unknown"}


@pytest.mark.django_db
def test_readyz_is_503_while_a_migration_is_pending(member_of_the_public: Client) -> None:
    with (
        mock.patch.object(health, "MIGRATION_CHECK", health.MigrationCheck()),
        mock.patch.object(health, "has_unapplied_migrations", return_value=True),
    ):
        response = member_of_the_public.get("/readyz")

    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "not ready", "database": "ok", "migrations": "pending"}


@pytest.mark.django_db
def test_the_migration_check_runs_until_it_passes_and_then_never_again() -> None:
    check = health.MigrationCheck()
    with mock.patch.object(health, "has_unapplied_migrations", side_effect=[True, False]) as has_unapplied:
        states = [check.state(), check.state(), check.state(), check.state()]

    assert states == ["pending", "ok", "ok", "ok"]
    assert has_unapplied.call_count == 2


@pytest.mark.django_db
def test_a_ready_server_answers_readyz_with_one_query(
    member_of_the_public: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    member_of_the_public.get("/readyz")

    with django_assert_num_queries(1):
        response = member_of_the_public.get("/readyz")

    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_answer_over_plain_http_when_the_site_redirects_to_https(settings: Settings, path: str) -> None:
    settings.SECURE_SSL_REDIRECT = True

    probe = Client().get(path)
    page = Client().get("/urgent")

    assert probe.status_code == 200
    assert page.status_code == 301
    assert page["Location"].startswith("https://")
