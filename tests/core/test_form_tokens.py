"""A form's token drawn in one read is one Django's CSRF middleware accepts, fresh each page, and unbiased."""

from __future__ import annotations

import re
import secrets
from collections import Counter
from collections.abc import Iterator

import pytest
from django.middleware import csrf
from django.middleware.csrf import CSRF_ALLOWED_CHARS
from django.test import Client, RequestFactory

from waypost.core.form_tokens import form_token, masked, random_offsets

pytestmark = pytest.mark.django_db

SECRETS = ["a" * 32, "Z9" * 16, CSRF_ALLOWED_CHARS[:32], CSRF_ALLOWED_CHARS[-32:]]
FORM_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def unmasked(token: str) -> str:
    # Django's own reading of a token, which its middleware compares with the cookie's secret
    return str(csrf._unmask_cipher_token(token))  # type: ignore[attr-defined]


@pytest.mark.parametrize("secret", SECRETS)
def test_a_token_unmasks_to_its_secret_as_django_reads_it(secret: str) -> None:
    tokens = [masked(secret) for _ in range(200)]

    assert {unmasked(token) for token in tokens} == {secret}
    assert all(len(token) == 64 and set(token) <= set(CSRF_ALLOWED_CHARS) for token in tokens)
    # A fresh mask for every page, so a compressed page never repeats the token
    assert len(set(tokens)) == len(tokens)


def test_a_request_with_a_secret_gets_a_token_for_it_and_keeps_its_cookie() -> None:
    request = RequestFactory().get("/")
    request.META["CSRF_COOKIE"] = SECRETS[1]

    token = form_token(request)

    assert unmasked(token) == SECRETS[1]
    assert request.META["CSRF_COOKIE"] == SECRETS[1]
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


def test_a_request_without_a_secret_gets_a_new_one_and_its_cookie() -> None:
    request = RequestFactory().get("/")

    token = form_token(request)

    assert unmasked(token) == request.META["CSRF_COOKIE"]
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


def test_bytes_that_would_favour_some_characters_are_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    # 248 to 255 would give the first eight characters a fifth more often than the rest
    reads: Iterator[bytes] = iter([bytes(range(244, 256)) + bytes(36), bytes([61] * 48)])
    monkeypatch.setattr(secrets, "token_bytes", lambda _count: next(reads))

    offsets = random_offsets(32)

    assert offsets == [244 % 62, 245 % 62, 246 % 62, 247 % 62] + [0] * 28


def test_a_short_read_is_topped_up_from_another(monkeypatch: pytest.MonkeyPatch) -> None:
    reads: Iterator[bytes] = iter([bytes([255] * 40) + bytes([1] * 8), bytes([2] * 48)])
    monkeypatch.setattr(secrets, "token_bytes", lambda _count: next(reads))

    assert random_offsets(32) == [1] * 8 + [2] * 24


def test_every_character_of_the_mask_is_about_equally_likely() -> None:
    draws = 62 * 2000
    counts = Counter(random_offsets(draws))
    expected = draws / 62
    chi_square = sum((counts[offset] - expected) ** 2 / expected for offset in range(62))

    assert set(counts) == set(range(62))
    # 61 degrees of freedom: above 120 happens by chance about once in a hundred thousand runs
    assert chi_square < 120


def test_a_remembered_form_page_token_is_accepted_and_another_secret_refused() -> None:
    browser = Client(enforce_csrf_checks=True)
    token = FORM_FIELD.search(browser.get("/contact/who").content.decode())
    assert token is not None
    stranger = masked("b" * 32)

    refused = browser.post("/contact/who", {"for_whom": "self", "csrfmiddlewaretoken": stranger})
    accepted = browser.post("/contact/who", {"for_whom": "self", "csrfmiddlewaretoken": token.group(1)})

    assert refused.status_code == 403
    assert accepted.status_code == 302
