"""A form's CSRF token, the same as Django's `get_token` gives, with its random mask drawn in one read.

Django masks the CSRF secret afresh for every page (so compression cannot reveal it, BREACH) with 32 characters it
draws one at a time, each from its own read of the system's randomness: about 55 µs a page, a tenth of a question
page's own work (docs/adr/0057). This draws the whole mask from one read of the same source, dropping the bytes that
would make some characters likelier than others, and shifts the secret by it as Django does, so Django's middleware
checks these tokens like its own.
"""

from __future__ import annotations

import secrets

from django.http import HttpRequest
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, get_token

ALPHABET_SIZE = len(CSRF_ALLOWED_CHARS)
POSITION = {character: index for index, character in enumerate(CSRF_ALLOWED_CHARS)}
# The largest multiple of 62 a byte can hold: a byte at or above it is dropped, so each character is equally likely
UNBIASED_BELOW = 256 - 256 % ALPHABET_SIZE


def form_token(request: HttpRequest) -> str:
    """The token for a form on this request's page; like `get_token`, it has the CSRF cookie sent if it must be."""
    secret = request.META.get("CSRF_COOKIE")
    if secret is None:
        # No secret yet: Django makes one and its cookie
        return get_token(request)
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    return masked(secret)


def masked(secret: str) -> str:
    """The mask, then each character of the secret moved along the alphabet by the mask's character at its place."""
    offsets = random_offsets(CSRF_SECRET_LENGTH)
    mask = "".join([CSRF_ALLOWED_CHARS[offset] for offset in offsets])
    shifted = [
        CSRF_ALLOWED_CHARS[(POSITION[character] + offset) % ALPHABET_SIZE]
        for character, offset in zip(secret, offsets, strict=True)
    ]
    return mask + "".join(shifted)


def random_offsets(count: int) -> list[int]:
    """`count` positions in the alphabet, each equally likely, from the operating system's randomness."""
    offsets: list[int] = []
    while len(offsets) < count:
        # Half as many again as needed: 3 % of bytes are dropped, so one read almost always suffices
        offsets += [byte % ALPHABET_SIZE for byte in secrets.token_bytes(count + count // 2) if byte < UNBIASED_BELOW]
    return offsets[:count]
