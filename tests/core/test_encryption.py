from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from waypost.config.environment import env_fernet_keys
from waypost.core.encryption import DecryptionError, EncryptedTextField, decrypt, encrypt, keyed_hash, reencrypt

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


def test_encrypts_so_the_text_is_unreadable_and_decrypts_it_back() -> None:
    token = encrypt("+447700900982")

    assert "7700900982" not in token
    assert decrypt(token) == "+447700900982"


def test_every_key_decrypts_but_only_the_first_encrypts() -> None:
    with override_settings(ENCRYPTION_KEYS=[OLD_KEY]):
        old_token = encrypt("secret")
    with override_settings(ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        assert decrypt(old_token) == "secret"
        rotated = reencrypt(old_token)
    with override_settings(ENCRYPTION_KEYS=[NEW_KEY]):
        assert decrypt(rotated) == "secret"
        with pytest.raises(DecryptionError, match="No configured encryption key"):
            decrypt(old_token)


def test_keyed_hashes_are_stable_and_differ_by_purpose() -> None:
    assert keyed_hash("+447700900982", purpose="phone") == keyed_hash("+447700900982", purpose="phone")
    assert keyed_hash("+447700900982", purpose="phone") != keyed_hash("+447700900982", purpose="rate-limit")
    with override_settings(BLIND_INDEX_KEY="another-key"):
        assert keyed_hash("+447700900982", purpose="phone") != keyed_hash("x", purpose="phone")


def test_keyed_hashes_change_with_the_blind_index_key() -> None:
    under_the_configured_key = keyed_hash("+447700900982", purpose="phone")

    with override_settings(BLIND_INDEX_KEY="another-key"):
        assert keyed_hash("+447700900982", purpose="phone") != under_the_configured_key


def test_encrypted_fields_refuse_lookups_that_would_silently_match_nothing() -> None:
    field = EncryptedTextField()

    assert field.get_lookup("exact") is None
    assert field.get_lookup("icontains") is None
    assert field.get_lookup("isnull") is not None


def test_refuses_an_encryption_key_that_is_not_a_fernet_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYPOST_ENCRYPTION_KEYS", f"{NEW_KEY},not-a-key")

    with pytest.raises(ImproperlyConfigured, match="WAYPOST_ENCRYPTION_KEYS: key 2 is not a Fernet key"):
        env_fernet_keys("WAYPOST_ENCRYPTION_KEYS")


def test_reads_several_keys_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYPOST_ENCRYPTION_KEYS", f" {NEW_KEY} , {OLD_KEY} ")

    assert env_fernet_keys("WAYPOST_ENCRYPTION_KEYS") == [NEW_KEY, OLD_KEY]
