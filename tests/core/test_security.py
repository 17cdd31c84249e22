from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client


@pytest.fixture
def headers(member_of_the_public: Client) -> dict[str, str]:
    return dict(member_of_the_public.get("/").headers)


def test_content_security_policy_allows_only_this_site(headers: dict[str, str]) -> None:
    policy = headers["Content-Security-Policy"]

    assert "default-src 'none'" in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_sends_no_referrer_and_no_sniffing(headers: dict[str, str]) -> None:
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"


def test_permissions_policy_turns_off_sensors_and_tracking(headers: dict[str, str]) -> None:
    policy = headers["Permissions-Policy"]

    for feature in ("camera=()", "microphone=()", "geolocation=()", "browsing-topics=()", "payment=()"):
        assert feature in policy


def test_hashes_passwords_with_argon2_first() -> None:
    assert settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_sessions_are_kept_in_an_encrypted_cookie_not_on_the_server() -> None:
    assert settings.SESSION_ENGINE == "waypost.core.encrypted_cookie_session"
