"""Sessions kept in an encrypted cookie: nothing on the server, and nothing readable in the browser.

Django's signed-cookie sessions are signed, not secret: anyone with the cookie (a shared computer, a browser's
cookie viewer) could read the self-check answers by base64-decoding it. Here the session is encrypted with Fernet
(AES-128-CBC and HMAC-SHA256, from `cryptography`) under a key derived from SECRET_KEY with HKDF, and the token's
own authenticated timestamp enforces the idle limit. A tampered, expired or foreign cookie is an empty session,
as it is with Django's backend. See docs/adr/0018-encrypted-session-cookie.md.
"""

from __future__ import annotations

import base64
import binascii
import time
from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.contrib.sessions.backends.signed_cookies import SessionStore as SignedCookieSessionStore

KEY_PURPOSE = b"waypost.core.encrypted_cookie_session"
# Sessions are padded to a multiple of this many bytes, so the cookie's length does not give answers away
PADDING_BLOCK_BYTES = 256
PADDING = b" "
# A session in use is re-sent at most this often, so the idle limit runs from within a minute of the last request
REFRESH_AFTER_SECONDS = 60
# Fernet tokens start with a version byte and an 8-byte big-endian timestamp: 12 base64 characters hold both
TIMESTAMP_PREFIX_CHARACTERS = 12


@cache
def fernet_from_secrets(secrets: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(derived_key(secret)) for secret in secrets])


def derived_key(secret: str) -> bytes:
    """A Fernet key for sessions only: a leaked session key reveals nothing about SECRET_KEY's other uses."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=KEY_PURPOSE)
    return base64.urlsafe_b64encode(hkdf.derive(secret.encode()))


def session_fernet() -> MultiFernet:
    # The current secret encrypts; fallbacks still open cookies made before a secret-key rotation
    return fernet_from_secrets((settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS))


def padded(plaintext: bytes) -> bytes:
    # JSON ignores trailing spaces, so the padding needs no marker to be removed
    return plaintext + PADDING * (-len(plaintext) % PADDING_BLOCK_BYTES)


def token_age_seconds(token: str, now: float) -> float | None:
    """How long ago the cookie was made, read from the token without decrypting it; None if it is no token.

    Unauthenticated on purpose: it only decides whether to re-send a cookie, and the idle limit itself is
    checked on decryption, so a forged timestamp can at most make its own session expire sooner.
    """
    try:
        prefix = base64.urlsafe_b64decode(token[:TIMESTAMP_PREFIX_CHARACTERS])
    except (binascii.Error, ValueError):
        return None
    if len(prefix) < 9:
        return None
    return now - int.from_bytes(prefix[1:9], "big")


def is_due_for_refresh(token: str) -> bool:
    age = token_age_seconds(token, time.time())
    return age is None or age >= REFRESH_AFTER_SECONDS


class SessionStore(SignedCookieSessionStore):
    def load(self) -> dict[str, Any]:
        """The session in the cookie, or an empty one if the cookie is tampered with, foreign or idle too long."""
        try:
            token = (self.session_key or "").encode()
            plaintext = session_fernet().decrypt(token, ttl=self.get_session_cookie_age())
            session: Any = self.serializer().loads(plaintext)
        except (InvalidToken, ValueError):
            session = None
        if not isinstance(session, dict):
            self.create()
            return {}
        return session

    def _get_session_key(self) -> str:
        plaintext: bytes = self.serializer().dumps(dict(self.items()))
        return session_fernet().encrypt(padded(plaintext)).decode()
