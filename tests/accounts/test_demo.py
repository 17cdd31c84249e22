"""`waypost demo`'s staff: loading twice changes nothing but the credentials, and the printed ones work."""

from __future__ import annotations

import re
from base64 import b32decode
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django_otp.oath import totp

from tests.accounts.steps import STAFF_PAGE, enter_code, enter_password
from waypost.accounts import demo
from waypost.accounts.models import AuthenticatorApp, Membership, Organisation, Role, User

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.accounts.urls")]

CREDENTIALS = re.compile(
    r"  (?P<username>[a-z-]+) \((?P<role>[A-Za-z ]+)\): password (?P<password>\S+)  recovery codes (?P<codes>.+)\n"
    r"    authenticator key (?P<key>otpauth://\S+)"
)


def printed_credentials(summary: str) -> dict[str, dict[str, str]]:
    return {match["username"]: match.groupdict() for match in CREDENTIALS.finditer(summary)}


def test_creates_one_organisation_for_public_requests_and_one_user_per_role() -> None:
    summary = demo.load()

    organisation = Organisation.objects.get()
    assert organisation.receives_public_requests is True
    assert sorted(Membership.objects.values_list("role", flat=True)) == sorted(Role.values)
    assert set(printed_credentials(summary)) == {"demo-admissions", "demo-clinician", "demo-supervisor", "demo-admin"}
    assert "Sign in at /staff/login" in summary


def test_loading_again_keeps_the_rows_and_the_app_key_but_changes_passwords() -> None:
    first = printed_credentials(demo.load())
    second = printed_credentials(demo.load())

    assert Organisation.objects.count() == 1
    assert User.objects.count() == 4
    assert AuthenticatorApp.objects.count() == 4
    assert first["demo-admin"]["key"] == second["demo-admin"]["key"]
    assert first["demo-admin"]["password"] != second["demo-admin"]["password"]
    assert not User.objects.get(username="demo-admin").check_password(first["demo-admin"]["password"])


def test_printed_password_and_app_key_sign_in(member_of_the_public: Client) -> None:
    admin = printed_credentials(demo.load())["demo-admin"]
    secret = parse_qs(urlsplit(admin["key"]).query)["secret"][0]
    enter_password(member_of_the_public, "demo-admin", admin["password"], next_url=STAFF_PAGE)

    response = enter_code(member_of_the_public, f"{totp(b32decode(secret)):06d}")

    assert response["Location"] == STAFF_PAGE
    assert member_of_the_public.get(STAFF_PAGE).status_code == 200


def test_printed_recovery_code_signs_in(member_of_the_public: Client) -> None:
    clinician = printed_credentials(demo.load())["demo-clinician"]
    enter_password(member_of_the_public, "demo-clinician", clinician["password"])

    response = enter_code(member_of_the_public, clinician["codes"].split()[0])

    assert response.status_code == 302
    assert member_of_the_public.get(STAFF_PAGE).status_code == 200
