"""Typed readers for settings that come from the environment.

Each reader fails loudly with ImproperlyConfigured naming the variable, so a bad value stops the
process at start-up instead of surfacing later as a confusing error.
"""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import SplitResult, urlsplit

from django.core.exceptions import ImproperlyConfigured

FERNET_KEY_BYTES = 32
TRUE_WORDS = ("true", "yes", "on", "1")
FALSE_WORDS = ("false", "no", "off", "0")


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if raw == "":
        return default
    if raw in TRUE_WORDS:
        return True
    if raw in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a yes/no value; use 'true' or 'false'.")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name, "").strip()
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is too small; the lowest allowed value is {minimum}.")
    return value


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, "").strip() or default


def env_choice(name: str, default: str, choices: Sequence[str]) -> str:
    value = env_str(name, default).lower()
    if value not in choices:
        allowed = ", ".join(choices)
        raise ImproperlyConfigured(f"{name}={value!r} is not one of: {allowed}.")
    return value


def env_served_regions(name: str, default_region: str, choices: Sequence[str]) -> list[str]:
    """The regions a deployment serves, the default region first; unset: only the default region."""
    chosen = [value.lower() for value in env_list(name, [default_region])]
    unknown = [value for value in chosen if value not in choices]
    if unknown:
        raise ImproperlyConfigured(f"{name} names {', '.join(unknown)}; choose from: {', '.join(choices)}.")
    if default_region not in chosen:
        raise ImproperlyConfigured(f"{name} must include the default region WAYPOST_REGION={default_region!r}.")
    return [default_region, *dict.fromkeys(value for value in chosen if value != default_region)]


def env_served_languages(name: str, choices: Sequence[str]) -> list[str]:
    """The languages a deployment serves, English first (it is written in the code); unset: English only."""
    chosen = [value.lower() for value in env_list(name, ["en"])]
    unknown = [value for value in chosen if value not in choices]
    if unknown:
        raise ImproperlyConfigured(f"{name} names {', '.join(unknown)}; choose from: {', '.join(choices)}.")
    return ["en", *dict.fromkeys(value for value in chosen if value != "en")]


def env_list(name: str, default: Sequence[str]) -> list[str]:
    raw = os.environ.get(name, "").strip()
    if raw == "":
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_subset(name: str, *, allowed: Sequence[str], forbidden: Sequence[str] = ()) -> frozenset[str]:
    chosen = frozenset(env_list(name, []))
    unknown = sorted(chosen - set(allowed))
    if unknown:
        raise ImproperlyConfigured(f"{name} names {', '.join(unknown)}; choose from: {', '.join(allowed)}.")
    refused = sorted(chosen & set(forbidden))
    if refused:
        raise ImproperlyConfigured(f"{name} cannot include {', '.join(refused)}.")
    return chosen


def env_fernet_keys(name: str) -> list[str]:
    """Comma-separated Fernet keys (32 url-safe base64 bytes each); the first one encrypts."""
    keys = [key.strip() for key in (env_secret(name) or "").split(",") if key.strip()]
    for position, key in enumerate(keys, start=1):
        try:
            is_valid = len(base64.urlsafe_b64decode(key.encode())) == FERNET_KEY_BYTES
        except (binascii.Error, ValueError):
            is_valid = False
        if not is_valid:
            raise ImproperlyConfigured(f"{name}: key {position} is not a Fernet key (32 url-safe base64 bytes).")
    return keys


def env_secret(name: str) -> str | None:
    """Read NAME, or the contents of the file named by NAME_FILE (for Docker and systemd secrets)."""
    file_name = os.environ.get(f"{name}_FILE", "").strip()
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ImproperlyConfigured(f"{name}_FILE={file_name!r} cannot be read: {error.strerror}.") from None
    return os.environ.get(name, "").strip() or None


def env_token(name: str, *, minimum_length: int) -> str:
    """A shared secret (NAME or NAME_FILE), or "" when unset; a short one is refused, as it could be guessed."""
    value = env_secret(name) or ""
    if value and len(value) < minimum_length:
        raise ImproperlyConfigured(f"{name} is too short; use at least {minimum_length} random characters.")
    return value


def env_url(name: str, default: str) -> str:
    value = env_str(name, default)
    if not value.startswith(("https://", "http://")):
        raise ImproperlyConfigured(f"{name}={value!r} must be a full web address starting with https://.")
    return value


def env_base_url(name: str, default: str) -> str:
    """Scheme, host and optional path prefix the public reaches the site on, without a trailing slash."""
    value = env_str(name, default)
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured(f"{name}={value!r} must be a full web address such as https://help.example.org.")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ImproperlyConfigured(f"{name}={value!r} must not carry a query, fragment or user name.")
    if "//" in parts.path or any(character.isspace() for character in value) or not has_valid_port(parts):
        raise ImproperlyConfigured(f"{name}={value!r} has a bad port, a space or an empty part in its path.")
    return value.rstrip("/")


def has_valid_port(parts: SplitResult) -> bool:
    try:
        parts.port  # noqa: B018  (reading it validates it)
    except ValueError:
        return False
    return True
