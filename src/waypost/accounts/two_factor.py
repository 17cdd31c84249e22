"""Second factors: an authenticator app (time-based codes, django-otp) and single-use recovery codes."""

from __future__ import annotations

import secrets
from base64 import b32encode
from dataclasses import dataclass
from typing import Any

import django_otp
from django.db import transaction

from waypost.accounts.models import AuthenticatorApp, RecoveryCode, RecoveryCodeDevice, User, recovery_code_hash

AUTHENTICATOR_NAME = "Authenticator app"
APP_CODE_DIGITS = 6
RECOVERY_CODE_COUNT = 10
RECOVERY_CODE_LENGTH = 10
# Letters and digits that cannot be misread for one another (no 0/o, 1/i/l)
RECOVERY_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


@dataclass(frozen=True)
class CodeCheck:
    device: Any = None  # the device that accepted the code, if one did
    must_wait: bool = False  # too many wrong codes in a row: django-otp's back-off refused to look

    @property
    def is_accepted(self) -> bool:
        return self.device is not None


def normalise_code(text: str) -> str:
    return "".join(text.split()).replace("-", "").lower()


def is_app_code(code: str) -> bool:
    return len(code) == APP_CODE_DIGITS and code.isascii() and code.isdigit()


def is_recovery_code(code: str) -> bool:
    return len(code) == RECOVERY_CODE_LENGTH and all(character in RECOVERY_CODE_ALPHABET for character in code)


def authenticator_for(user: User) -> Any:
    return AuthenticatorApp.objects.filter(user=user, confirmed=True).order_by("pk").first()


def has_authenticator(user: User) -> bool:
    return authenticator_for(user) is not None


def authenticator_being_set_up(*, user: User) -> Any:
    """The same unconfirmed device on every visit, so a reload does not undo a scan already made."""
    device = AuthenticatorApp.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or AuthenticatorApp.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def setup_key(device: Any) -> str:
    """The secret in base32, in groups of four, for people who type it instead of scanning."""
    key = b32encode(device.bin_key).decode()
    return " ".join(key[start : start + 4] for start in range(0, len(key), 4))


def check_code(device: Any, code: str) -> CodeCheck:
    is_allowed, _ = device.verify_is_allowed()
    if not is_allowed:
        return CodeCheck(must_wait=True)
    # django-otp locks the device row while it checks, so one code cannot be used twice at the same moment
    return CodeCheck(device=django_otp.verify_token(device.user, device.persistent_id, code))


def device_for_code(user: User, code: str) -> Any:
    return authenticator_for(user) if is_app_code(code) else recovery_codes_for(user)


def is_code_checked_now(*, user: User, code: str) -> bool:
    """False while django-otp's back-off for the device this code is for refuses to look at any code."""
    device = device_for_code(user, code)
    return device is None or bool(device.verify_is_allowed()[0])


def verify_second_factor(*, user: User, code: str) -> CodeCheck:
    device = device_for_code(user, code)
    return CodeCheck() if device is None else check_code(device, code)


def confirm_authenticator(*, device: Any, code: str) -> tuple[CodeCheck, list[str]]:
    """Confirm a new authenticator with its first code, and give the user their recovery codes."""
    with transaction.atomic():
        check = check_code(device, code)
        if not check.is_accepted:
            return check, []
        AuthenticatorApp.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return check, replace_recovery_codes(user=device.user)


def recovery_codes_for(user: User) -> RecoveryCodeDevice | None:
    device: RecoveryCodeDevice | None = RecoveryCodeDevice.objects.filter(user=user, confirmed=True).first()
    return device


def recovery_codes_left(user: User) -> int:
    return RecoveryCode.objects.filter(device__user=user, device__confirmed=True).count()


def new_recovery_code() -> str:
    return "".join(secrets.choice(RECOVERY_CODE_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))


def readable_recovery_code(code: str) -> str:
    middle = RECOVERY_CODE_LENGTH // 2
    return f"{code[:middle]}-{code[middle:]}"


def replace_recovery_codes(*, user: User, count: int = RECOVERY_CODE_COUNT) -> list[str]:
    """A new set of codes; the old set stops working. The codes are returned once and stored only as hashes."""
    codes = [new_recovery_code() for _ in range(count)]
    with transaction.atomic():
        RecoveryCodeDevice.objects.filter(user=user).delete()
        device = RecoveryCodeDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
        RecoveryCode.objects.bulk_create(
            RecoveryCode(device=device, code_hash=recovery_code_hash(code)) for code in codes
        )
    return [readable_recovery_code(code) for code in codes]
