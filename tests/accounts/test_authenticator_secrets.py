"""Authenticator app secrets are encrypted at rest like other personal data, and rotate with the other keys."""

from __future__ import annotations

from base64 import b32encode

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django_otp.oath import totp

from tests.accounts.steps import enter_code, enter_password
from waypost.accounts.models import User
from waypost.accounts.two_factor import authenticator_being_set_up, authenticator_for, setup_key

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.accounts.urls")]


def raw_rows(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 (a fixed table name)
        return repr(cursor.fetchall())


def code_for(key: bytes) -> str:
    return f"{totp(key):06d}"


def test_the_stored_rows_hold_no_authenticator_seed(triage_worker_a: User) -> None:
    new_starter = User.objects.create(username="new-starter")
    device = authenticator_being_set_up(user=new_starter)
    seed = device.bin_key

    stored = raw_rows("otp_totp_totpdevice") + raw_rows("accounts_authenticatorsecret")

    assert setup_key(device).replace(" ", "") == b32encode(seed).decode()
    for written in (b32encode(seed).decode(), seed.hex(), authenticator_for(triage_worker_a).bin_key.hex()):
        assert written.lower() not in stored.lower()


def test_signs_in_with_a_code_from_the_encrypted_seed(member_of_the_public: Client, triage_worker_a: User) -> None:
    key = authenticator_for(triage_worker_a).bin_key

    enter_password(member_of_the_public, "triage-worker-a")
    response = enter_code(member_of_the_public, code_for(key))

    assert response.status_code == 302
    assert response["Location"] == "/staff/"


def test_rotate_keys_re_encrypts_the_seeds(member_of_the_public: Client) -> None:
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(ENCRYPTION_KEYS=[old_key]):
        user = User.objects.create(username="new-starter")
        seed = authenticator_being_set_up(user=user).bin_key
    with override_settings(ENCRYPTION_KEYS=[new_key, old_key]):
        call_command("rotate_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115

    with override_settings(ENCRYPTION_KEYS=[new_key]):
        assert authenticator_being_set_up(user=user).bin_key == seed
