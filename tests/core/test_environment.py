from __future__ import annotations

import base64
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from waypost.config.data_folder import data_folder, ensure_key_file, ensure_secret_key_file
from waypost.config.environment import (
    env_base_url,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_secret,
    env_subset,
    env_url,
)


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("Yes", True), ("1", True), ("off", False), ("", False)])
def test_reads_yes_and_no_words(monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool) -> None:
    monkeypatch.setenv("WAYPOST_FLAG", raw)

    assert env_bool("WAYPOST_FLAG", False) is expected


def test_refuses_a_flag_that_is_not_yes_or_no(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYPOST_FLAG", "maybe")

    with pytest.raises(ImproperlyConfigured, match="WAYPOST_FLAG='maybe' is not a yes/no value"):
        env_bool("WAYPOST_FLAG", False)


def test_refuses_a_number_that_is_not_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYPOST_COUNT", "ten")

    with pytest.raises(ImproperlyConfigured, match="WAYPOST_COUNT='ten' is not a whole number"):
        env_int("WAYPOST_COUNT", 3)


def test_refuses_a_number_below_the_minimum(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYPOST_COUNT", "0")

    with pytest.raises(ImproperlyConfigured, match="WAYPOST_COUNT=0 is too small"):
        env_int("WAYPOST_COUNT", 3, minimum=1)


def test_uses_the_default_when_a_variable_is_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WAYPOST_COUNT", raising=False)

    assert env_int("WAYPOST_COUNT", 3) == 3


def test_refuses_a_choice_outside_the_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYPOST_REGION", "mars")

    with pytest.raises(ImproperlyConfigured, match="WAYPOST_REGION='mars' is not one of: uk, us"):
        env_choice("WAYPOST_REGION", "uk", ("uk", "us"))


def test_splits_lists_on_commas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYPOST_HOSTS", " a.example , b.example,, ")

    assert env_list("WAYPOST_HOSTS", []) == ["a.example", "b.example"]


def test_reads_a_subset_of_the_allowed_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYPOST_DISABLED_INSTRUMENTS", " sds , dast-10 ")

    assert env_subset("WAYPOST_DISABLED_INSTRUMENTS", allowed=("sds", "dast-10", "safety")) == {"sds", "dast-10"}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("sds, mars", "WAYPOST_DISABLED_INSTRUMENTS names mars; choose from: sds, safety."),
        ("sds, safety", "WAYPOST_DISABLED_INSTRUMENTS cannot include safety."),
    ],
)
def test_refuses_a_subset_with_unknown_or_forbidden_names(
    monkeypatch: pytest.MonkeyPatch, raw: str, message: str
) -> None:
    monkeypatch.setenv("WAYPOST_DISABLED_INSTRUMENTS", raw)

    with pytest.raises(ImproperlyConfigured) as raised:
        env_subset("WAYPOST_DISABLED_INSTRUMENTS", allowed=("sds", "safety"), forbidden=("safety",))

    assert str(raised.value) == message


def test_refuses_an_address_that_is_not_a_web_address(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYPOST_QUICK_EXIT_URL", "javascript:alert(1)")

    with pytest.raises(ImproperlyConfigured, match="WAYPOST_QUICK_EXIT_URL"):
        env_url("WAYPOST_QUICK_EXIT_URL", "https://example.org")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://help.example.org", "https://help.example.org"),
        ("https://help.example.org/", "https://help.example.org"),
        ("https://example.org/help/", "https://example.org/help"),
        ("http://127.0.0.1:8123", "http://127.0.0.1:8123"),
        ("", "http://127.0.0.1:8000"),
    ],
)
def test_reads_a_base_url_without_its_trailing_slash(monkeypatch: pytest.MonkeyPatch, raw: str, expected: str) -> None:
    monkeypatch.setenv("WAYPOST_BASE_URL", raw)

    assert env_base_url("WAYPOST_BASE_URL", "http://127.0.0.1:8000") == expected


@pytest.mark.parametrize(
    "raw",
    [
        "help.example.org",
        "/staff/",
        "ftp://help.example.org",
        "javascript:alert(1)",
        "https://",
        "https://help.example.org/?next=/staff/",
        "https://help.example.org/#top",
        "https://user:secret@help.example.org",
        "https://help.example.org:port",
        "https://help.example.org//staff",
        "https://help.example.org/my help",
    ],
)
def test_refuses_a_base_url_that_is_not_an_absolute_web_address(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv("WAYPOST_BASE_URL", raw)

    with pytest.raises(ImproperlyConfigured, match=r"^WAYPOST_BASE_URL="):
        env_base_url("WAYPOST_BASE_URL", "http://127.0.0.1:8000")


def test_reads_a_secret_from_the_file_named_by_name_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    secret_file = tmp_path / "secret"
    secret_file.write_text("from-a-file\n")
    monkeypatch.setenv("WAYPOST_SECRET_KEY", "from-the-variable")
    monkeypatch.setenv("WAYPOST_SECRET_KEY_FILE", str(secret_file))

    assert env_secret("WAYPOST_SECRET_KEY") == "from-a-file"


def test_names_the_variable_when_the_secret_file_is_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("WAYPOST_SECRET_KEY_FILE", str(tmp_path / "missing"))

    with pytest.raises(ImproperlyConfigured, match=r"WAYPOST_SECRET_KEY_FILE=.* cannot be read"):
        env_secret("WAYPOST_SECRET_KEY")


def test_creates_a_missing_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("WAYPOST_DATA_DIR", str(tmp_path / "new" / "folder"))

    assert data_folder() == tmp_path / "new" / "folder"
    assert (tmp_path / "new" / "folder").is_dir()


def test_keeps_the_same_secret_key_and_only_the_owner_can_read_it(tmp_path: Path) -> None:
    first = ensure_secret_key_file(tmp_path).read_text()
    second = ensure_secret_key_file(tmp_path).read_text()

    assert first == second
    assert len(first) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_keeps_the_same_keys_and_only_the_owner_can_read_them(tmp_path: Path) -> None:
    first = ensure_key_file(tmp_path, "encryption_keys")
    second = ensure_key_file(tmp_path, "encryption_keys")

    assert first == second
    assert len(first) == 1
    assert len(base64.urlsafe_b64decode(first[0])) == 32  # a Fernet key
    assert (tmp_path / "encryption_keys").stat().st_mode & 0o777 == 0o600


def test_reads_every_key_kept_in_an_existing_file(tmp_path: Path) -> None:
    (tmp_path / "encryption_keys").write_text("new-key\n\n old-key \n")

    assert ensure_key_file(tmp_path, "encryption_keys") == ["new-key", "old-key"]
