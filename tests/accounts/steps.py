"""The sign-in steps as a person's browser takes them, for tests that walk the real pages."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django_otp.oath import totp

from tests.conftest import STAFF_PASSWORD
from waypost.accounts.models import AuthenticatorApp, SignInThrottle, User

STAFF_PAGE = "/staff/test-page"


def app_code(user: User) -> str:
    """The code the person's authenticator app shows right now."""
    device = AuthenticatorApp.objects.get(user=user, confirmed=True)
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def wrong_app_code(user: User) -> str:
    return f"{(int(app_code(user)) + 500_000) % 1_000_000:06d}"


def enter_password(client: Client, username: str, password: str = STAFF_PASSWORD, *, next_url: str = "") -> Any:
    address = f"/staff/login?next={next_url}" if next_url else "/staff/login"
    return client.post(address, {"username": username, "password": password})


def enter_code(client: Client, code: str) -> Any:
    return client.post("/staff/login/code", {"code": code})


def attempts_counted() -> int:
    """Attempts the lockout holds against anyone, counted before each password or code is checked."""
    return sum(SignInThrottle.objects.values_list("failures", flat=True))


def sign_in(client: Client, user: User, *, next_url: str = STAFF_PAGE) -> Any:
    enter_password(client, user.username, next_url=next_url)
    return enter_code(client, app_code(user))


def html(response: Any) -> str:
    return str(response.content.decode())
