"""Migrations that change stored sign-in data, run on a database that already has rows in it."""

from __future__ import annotations

from base64 import b32encode
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp

from tests.accounts.steps import enter_code, enter_password
from tests.conftest import staff_password_hash
from waypost.accounts.lockout import account_hash
from waypost.core.encryption import decrypt

pytestmark = pytest.mark.django_db(transaction=True)


def migrate_to(*targets: tuple[str, str]) -> Any:
    """Migrate to these migrations and return the app registry as it was then."""
    executor = MigrationExecutor(connection)
    executor.migrate(list(targets))
    return MigrationExecutor(connection).loader.project_state(list(targets)).apps


@pytest.fixture
def back_to_the_latest() -> Iterator[None]:
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.usefixtures("back_to_the_latest")
def test_recent_sign_in_failures_become_each_accounts_count() -> None:
    old = migrate_to(("accounts", "0002_two_factor_and_lockout"))
    failure = old.get_model("accounts", "SignInFailure")
    now = timezone.now()
    guessed, slipped, long_ago = account_hash("triage-worker-a"), account_hash("clinician-a"), account_hash("old")
    for minutes in range(6):
        failure.objects.create(
            account_hash=guessed, client_hash=f"{minutes}" * 64, failed_at=now - timedelta(minutes=minutes)
        )
    failure.objects.create(account_hash=slipped, client_hash="a" * 64, failed_at=now)
    failure.objects.create(account_hash=long_ago, client_hash="b" * 64, failed_at=now - timedelta(hours=2))

    new = migrate_to(("accounts", "0003_sign_in_throttle"))

    throttles = {row.bucket_hash: row for row in new.get_model("accounts", "SignInThrottle").objects.all()}
    assert set(throttles) == {guessed, slipped}
    assert (throttles[guessed].failures, throttles[guessed].last_attempt_at) == (6, now)
    assert throttles[guessed].wait_until == now + timedelta(minutes=2)
    assert (throttles[slipped].failures, throttles[slipped].wait_until) == (1, None)


@pytest.mark.urls("tests.accounts.urls")
@pytest.mark.usefixtures("back_to_the_latest")
def test_authenticator_secrets_are_encrypted_and_the_app_still_signs_in() -> None:
    old = migrate_to(("accounts", "0003_sign_in_throttle"), ("otp_totp", "0003_add_timestamps"))
    user = old.get_model("accounts", "User").objects.create(username="long-serving", password=staff_password_hash())
    seed = bytes(range(20))
    old.get_model("otp_totp", "TOTPDevice").objects.create(
        user_id=user.pk, name="Authenticator app", confirmed=True, key=seed.hex()
    )

    migrate_to(("accounts", "0004_authenticator_secrets_encrypted"))

    with connection.cursor() as cursor:
        cursor.execute("SELECT key FROM otp_totp_totpdevice")
        stored_key = cursor.fetchall()
        cursor.execute("SELECT key FROM accounts_authenticatorsecret")
        (ciphertext,) = cursor.fetchone() or ("",)
    assert stored_key == [("",)]
    assert seed.hex() not in ciphertext
    assert b32encode(seed).decode() not in ciphertext
    assert decrypt(ciphertext) == seed.hex()
    # Today's code reads columns added since (console_language), so sign in on the newest schema
    migrate_to(("accounts", "0006_console_language"))
    client = Client()
    assert enter_password(client, "long-serving").status_code == 302
    signed_in = enter_code(client, f"{totp(seed):06d}")
    assert (signed_in.status_code, signed_in["Location"]) == (302, "/staff/")


@pytest.mark.usefixtures("back_to_the_latest")
def test_staff_who_existed_before_the_language_choice_keep_an_english_console() -> None:
    old = migrate_to(("accounts", "0005_api_clients"))
    old.get_model("accounts", "User").objects.create(username="long-serving", password=staff_password_hash())

    new = migrate_to(("accounts", "0006_console_language"))

    assert new.get_model("accounts", "User").objects.get(username="long-serving").console_language == "en-gb"
    with connection.cursor() as cursor:
        # The previous release, which does not know the column, can still add staff while the new one rolls out
        cursor.execute(
            "INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name, email, "
            "is_staff, is_active, date_joined, session_generation) "
            "VALUES ('x', FALSE, 'added-by-old-code', '', '', '', FALSE, TRUE, CURRENT_TIMESTAMP, 0)"
        )
    assert new.get_model("accounts", "User").objects.get(username="added-by-old-code").console_language == "en-gb"
