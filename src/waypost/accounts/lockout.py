"""Slowing down guesses at one account: growing waits after repeated wrong passwords or codes (ADR 0015).

Every attempt is counted before its password or code is checked, in one locked step, so attempts sent at the
same moment cannot all slip in before the count. After SIGN_IN_LOCKOUT_FAILURES attempts without a success,
each further attempt must wait 1, 2, 4 … minutes (at most SIGN_IN_LOCKOUT_MINUTES) after the one before.
Refused attempts are not counted, so hammering does not lengthen the wait.

A browser that has signed in to the account before holds a signed "known browser" cookie and is counted in a
bucket of its own, so a stranger failing from anywhere else cannot keep the real user out. The count is kept
under a keyed hash of the username, whether or not such an account exists.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from waypost.accounts.models import SignInThrottle
from waypost.accounts.rules import wait_after_failures
from waypost.core.encryption import keyed_hash

# A quiet day forgets the failures, so one bad morning does not slow the rest of the month
FORGET_AFTER = timedelta(days=1)
KNOWN_BROWSER_COOKIE = "waypost_known_browser"
KNOWN_BROWSER_SALT = "waypost.accounts.known-browser"
KNOWN_BROWSER_DAYS = 90


def account_hash(username: str) -> str:
    return keyed_hash(username.strip().casefold(), purpose="sign-in-account")


def bucket_hash(username: str, browser: str | None) -> str:
    if browser is None:
        return account_hash(username)
    return keyed_hash(f"{account_hash(username)}\x00{browser}", purpose="sign-in-known-browser")


def claim_sign_in_attempt(*, username: str, browser: str | None = None) -> timedelta | None:
    """Count an attempt before it is checked; if it must not be checked yet, the time left to wait instead."""
    now = timezone.now()
    bucket = bucket_hash(username, browser)
    with transaction.atomic():
        SignInThrottle.objects.filter(last_attempt_at__lte=now - quiet_period()).delete()
        SignInThrottle.objects.bulk_create(
            [SignInThrottle(bucket_hash=bucket, last_attempt_at=now)], ignore_conflicts=True
        )
        # The row lock makes the check and the count one step: concurrent attempts queue here
        throttle = SignInThrottle.objects.select_for_update().get(bucket_hash=bucket)
        if throttle.wait_until is not None and throttle.wait_until > now:
            return throttle.wait_until - now
        count_attempt(throttle, now)
    return None


def longest_wait() -> timedelta:
    return timedelta(minutes=settings.SIGN_IN_LOCKOUT_MINUTES)


def quiet_period() -> timedelta:
    # Never shorter than the longest wait, or a row could be forgotten while its wait still runs
    return max(FORGET_AFTER, longest_wait())


def count_attempt(throttle: SignInThrottle, now: datetime) -> None:
    throttle.failures += 1
    throttle.last_attempt_at = now
    free_failures = settings.SIGN_IN_LOCKOUT_FAILURES
    wait = wait_after_failures(throttle.failures, free_failures=free_failures, longest=longest_wait())
    throttle.wait_until = now + wait if wait else None
    throttle.save(update_fields=["failures", "last_attempt_at", "wait_until"])


def forget_sign_in_failures(*, username: str, browser: str | None = None) -> None:
    """After both factors: the attempts counted in this bucket were the real user's."""
    SignInThrottle.objects.filter(bucket_hash=bucket_hash(username, browser)).delete()


def known_browser(request: HttpRequest, username: str) -> str | None:
    """The id of this browser if it has signed in to this account before (a signed cookie), else None."""
    cookie = request.COOKIES.get(KNOWN_BROWSER_COOKIE, "")
    try:
        value = signing.loads(cookie, salt=KNOWN_BROWSER_SALT, max_age=timedelta(days=KNOWN_BROWSER_DAYS))
    except signing.BadSignature:
        return None
    if not isinstance(value, dict) or value.get("account") != account_hash(username):
        return None
    browser = value.get("browser")
    return browser if isinstance(browser, str) else None


def remember_browser(response: HttpResponse, *, username: str) -> None:
    """Mark this browser as one the user signs in from; it then has its own count of attempts."""
    value = {"account": account_hash(username), "browser": secrets.token_urlsafe(16)}
    response.set_cookie(
        KNOWN_BROWSER_COOKIE,
        signing.dumps(value, salt=KNOWN_BROWSER_SALT),
        max_age=int(timedelta(days=KNOWN_BROWSER_DAYS).total_seconds()),
        path=reverse("accounts:login").rpartition("/")[0] + "/",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
