"""The state of a sign-in between its two steps, and the moment it completes.

After the password step the session holds only "this user passed step one, a few minutes ago": Django's
login() runs after the second factor too, so no half-signed-in user ever exists for other views to trust.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import django_otp
from django.conf import settings
from django.contrib import auth
from django.http import HttpRequest
from django.utils.crypto import constant_time_compare

from waypost.accounts.models import User

PENDING_SESSION_KEY = "accounts_pending_sign_in"
SIGNED_IN_AT_SESSION_KEY = "accounts_signed_in_at"
PENDING_SECONDS = 10 * 60


@dataclass(frozen=True)
class PendingSignIn:
    user: User
    next_url: str


def start_sign_in(request: HttpRequest, *, user: User, next_url: str) -> None:
    request.session[PENDING_SESSION_KEY] = {
        "user_id": user.pk,
        "auth_hash": user.get_session_auth_hash(),
        "started_at": time.time(),
        "next_url": next_url,
    }


def pending_sign_in(request: HttpRequest) -> PendingSignIn | None:
    """The user who passed the password step, unless it was too long ago or their password has changed since."""
    pending = request.session.get(PENDING_SESSION_KEY)
    if not isinstance(pending, dict) or not is_recent(pending.get("started_at")):
        return None
    user_id = pending.get("user_id")
    user = User.objects.filter(pk=user_id, is_active=True).first() if isinstance(user_id, int) else None
    if user is None or not constant_time_compare(user.get_session_auth_hash(), str(pending.get("auth_hash"))):
        return None
    return PendingSignIn(user=user, next_url=str(pending.get("next_url") or settings.LOGIN_REDIRECT_URL))


def is_recent(started_at: Any) -> bool:
    return isinstance(started_at, int | float) and 0 <= time.time() - started_at <= PENDING_SECONDS


def abandon_sign_in(request: HttpRequest) -> None:
    request.session.pop(PENDING_SESSION_KEY, None)


def finish_sign_in(request: HttpRequest, *, user: User, device: Any) -> None:
    """Sign the user in with both factors: Django's session login, then django-otp's mark of the device used."""
    auth.login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
    django_otp.login(request, device)
    request.session[SIGNED_IN_AT_SESSION_KEY] = time.time()
    abandon_sign_in(request)


def signed_in_seconds_ago(request: HttpRequest) -> float | None:
    signed_in_at = request.session.get(SIGNED_IN_AT_SESSION_KEY)
    return time.time() - signed_in_at if isinstance(signed_in_at, int | float) else None
