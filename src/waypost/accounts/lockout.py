"""Pausing sign-in after repeated wrong passwords or codes.

Failures are counted per username and client address, both kept only as keyed hashes. A username is also
paused for everyone after four times as many failures from any address, which slows a guesser who spreads
attempts over many addresses without letting one person lock a colleague out with a few tries.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from waypost.accounts.models import SignInFailure
from waypost.core.encryption import keyed_hash

ACCOUNT_WIDE_FACTOR = 4


def account_hash(username: str) -> str:
    return keyed_hash(username.strip().casefold(), purpose="sign-in-account")


def client_hash(client_address: str) -> str:
    return keyed_hash(client_address, purpose="sign-in-client")


def lockout_window() -> timedelta:
    return timedelta(minutes=settings.SIGN_IN_LOCKOUT_MINUTES)


def is_sign_in_paused(*, username: str, client_address: str) -> bool:
    recent = SignInFailure.objects.filter(
        account_hash=account_hash(username), failed_at__gt=timezone.now() - lockout_window()
    )
    limit = settings.SIGN_IN_LOCKOUT_FAILURES
    if recent.filter(client_hash=client_hash(client_address)).count() >= limit:
        return True
    return recent.count() >= limit * ACCOUNT_WIDE_FACTOR


def record_sign_in_failure(*, username: str, client_address: str) -> None:
    now = timezone.now()
    with transaction.atomic():
        # Nothing older than the window is ever read again, so nothing older is kept
        SignInFailure.objects.filter(failed_at__lte=now - lockout_window()).delete()
        SignInFailure.objects.create(
            account_hash=account_hash(username), client_hash=client_hash(client_address), failed_at=now
        )


def forget_sign_in_failures(*, username: str, client_address: str) -> None:
    SignInFailure.objects.filter(account_hash=account_hash(username), client_hash=client_hash(client_address)).delete()
