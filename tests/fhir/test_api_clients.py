"""`waypost create-api-client`, the demo's API token, and the CapabilityStatement at /fhir/metadata."""

from __future__ import annotations

import io
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from fhir.resources.R4B.capabilitystatement import CapabilityStatement

from tests.fhir.referrals import api_client, make_referral
from waypost.accounts.api_clients import token_hash
from waypost.accounts.models import ApiClient, Organisation, OrganisationKind
from waypost.api import demo
from waypost.cli import run_command
from waypost.core.audit import AuditAction, AuditEvent


def create_api_client(*arguments: str) -> list[str]:
    output = io.StringIO()
    call_command("create_api_client", *arguments, stdout=output)
    return output.getvalue().splitlines()


def test_creates_an_api_client_printing_its_token_once_and_keeping_only_a_hash(organisation_b: Organisation) -> None:
    lines = create_api_client("--organisation", "organisation-b", "--name", "Clinic records")

    token = lines[1]
    client = ApiClient.objects.get()
    assert lines[0] == "API client 'Clinic records' for Organisation B. Token (shown only now, keep it secret):"
    assert token.startswith("wpt_")
    assert len(token) == 47
    assert (client.organisation, client.name, client.token_hash) == (
        organisation_b,
        "Clinic records",
        token_hash(token),
    )
    assert token not in str(ApiClient.objects.values().get())
    audit = AuditEvent.objects.get()
    assert (audit.action, audit.organisation, audit.actor_name, audit.detail) == (
        AuditAction.CREATED_API_CLIENT,
        organisation_b,
        "waypost create-api-client",
        f"API client {client.pk}: Clinic records",
    )


def test_the_token_printed_opens_the_organisations_inbox(
    organisation_a: Organisation, organisation_b: Organisation
) -> None:
    make_referral(organisation_a, organisation_b)
    token = create_api_client("--organisation", "organisation-b")[1]

    bundle = api_client(token).get("/fhir/Task?status=requested").json()

    assert [entry["resource"]["id"] for entry in bundle["entry"]] == ["R-0001"]
    assert ApiClient.objects.get().name == "API client"


@pytest.mark.parametrize(
    ("arguments", "message", "code"),
    [
        (["--organisation", "nobody"], "There is no organisation with the slug 'nobody'.", 1),
        (["--organisation", "organisation-b", "--name", " "], "Give the client a name of 1 to 100 characters.", 2),
    ],
)
def test_refuses_an_unknown_organisation_or_an_empty_name(
    organisation_b: Organisation, arguments: list[str], message: str, code: int
) -> None:
    with pytest.raises(CommandError) as raised:
        create_api_client(*arguments)

    assert (str(raised.value), raised.value.returncode) == (message, code)
    assert ApiClient.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_waypost_create_api_client_runs_the_management_command() -> None:
    with mock.patch("waypost.cli.run_management_command", return_value=0) as run:
        assert run_command(["create-api-client", "--organisation", "north"]) == 0

    run.assert_called_once_with(["create_api_client", "--organisation", "north"])


def test_the_demo_prints_a_token_for_the_demo_treatment_provider(db: None) -> None:
    provider = Organisation.objects.create(
        name="Demo treatment provider", slug="demo-treatment", kind=OrganisationKind.TREATMENT_PROVIDER
    )

    summary = demo.load()

    token = summary.split("start): ")[1].split("\n")[0]
    assert ApiClient.objects.get().organisation == provider
    assert ApiClient.objects.get().token_hash == token_hash(token)
    assert summary.splitlines()[1] == (
        f"  Its inbox: curl -H 'Authorization: Bearer {token}' "
        "'http://127.0.0.1:8000/fhir/Task?owner=Organization/org-demo-treatment&status=requested'"
    )


def test_the_demo_makes_no_token_without_a_treatment_provider(db: None) -> None:
    assert demo.load() == "no demo treatment provider, so no API token."
    assert ApiClient.objects.count() == 0


def test_metadata_is_a_valid_capability_statement_listing_every_resource_and_search(
    member_of_the_public: Client,
) -> None:
    statement = member_of_the_public.get("/fhir/metadata").json()

    CapabilityStatement.model_validate(statement)
    resources = {entry["type"]: entry for entry in statement["rest"][0]["resource"]}
    assert list(resources) == [
        "HealthcareService",
        "Organization",
        "Location",
        "Questionnaire",
        "Task",
        "ServiceRequest",
        "Consent",
    ]
    assert [parameter["name"] for parameter in resources["HealthcareService"]["searchParam"]] == [
        "service-category",
        "service-type",
        "organization",
        "_count",
        "page",
    ]
    assert [parameter["name"] for parameter in resources["Location"]["searchParam"]] == ["near", "_count", "page"]
    assert [parameter["name"] for parameter in resources["Task"]["searchParam"]] == [
        "owner",
        "status",
        "_count",
        "page",
    ]
    assert [interaction["code"] for interaction in resources["Task"]["interaction"]] == ["read", "search-type", "patch"]
    assert statement["fhirVersion"] == "4.0.1"
    assert statement["patchFormat"] == ["application/json-patch+json"]
