"""Personal data encrypted at rest, and keyed hashes that find repeats without decrypting.

Fernet (AES-128-CBC with HMAC-SHA256, from `cryptography`) through MultiFernet: the first key encrypts, every
key decrypts, so keys can be rotated with `waypost rotate-keys`. Keys come from WAYPOST_ENCRYPTION_KEYS or,
for a single server, from a file in the data folder created on first use.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models
from django.db.models import Lookup


class DecryptionError(ValueError):
    """A stored value no configured key can open: a key was removed before `waypost rotate-keys` ran."""


@cache
def fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def current_fernet() -> MultiFernet:
    return fernet_for(tuple(settings.ENCRYPTION_KEYS))


def encrypt(text: str) -> str:
    return current_fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return current_fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise DecryptionError("No configured encryption key opens this value.") from None


def reencrypt(token: str) -> str:
    """The same value under the current first key (MultiFernet.rotate keeps the original timestamp)."""
    try:
        return current_fernet().rotate(token.encode()).decode()
    except InvalidToken:
        raise DecryptionError("No configured encryption key opens this value.") from None


def keyed_hash(value: str, *, purpose: str) -> str:
    """HMAC-SHA256 under the blind-index key; `purpose` keeps hashes for different uses apart."""
    message = f"{purpose}\x00{value}".encode()
    return hmac.new(settings.BLIND_INDEX_KEY.encode(), message, hashlib.sha256).hexdigest()


def new_key() -> str:
    return Fernet.generate_key().decode()


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """Text stored as a Fernet token. It cannot be searched: use a keyed hash beside it for that."""

    description = "Text encrypted at rest"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return None if value is None else encrypt(str(value))

    def from_db_value(self, value: str | None, expression: object, connection: object) -> str | None:
        return None if value is None else decrypt(value)

    def get_lookup(self, lookup_name: str) -> type[Lookup[Any]] | None:
        # Comparing ciphertexts would silently match nothing, so only "is it empty" is allowed
        return super().get_lookup(lookup_name) if lookup_name == "isnull" else None
