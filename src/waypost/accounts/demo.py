"""Demo staff for `waypost demo`: one organisation, one user per role, and credentials printed to the terminal.

Each start gives every demo user a new password and new recovery codes, so credentials printed by an earlier
run stop working; the authenticator key stays the same, so an app set up once keeps working.
"""

from __future__ import annotations

import secrets

from django.db import transaction

from waypost.accounts.models import AuthenticatorApp, Membership, Organisation, OrganisationKind, Role, User
from waypost.accounts.two_factor import (
    AUTHENTICATOR_NAME,
    RECOVERY_CODE_ALPHABET,
    authenticator_for,
    replace_recovery_codes,
)

ORGANISATION_SLUG = "demo-referrals"
ORGANISATION_NAME = "Demo referral service"
STAFF = (
    ("demo-admissions", Role.ADMISSIONS),
    ("demo-clinician", Role.CLINICIAN),
    ("demo-supervisor", Role.SUPERVISOR),
    ("demo-admin", Role.ORGANISATION_ADMIN),
)
RECOVERY_CODES_SHOWN = 3


def load() -> str:
    with transaction.atomic():
        organisation, _ = Organisation.objects.update_or_create(
            slug=ORGANISATION_SLUG,
            defaults={
                "name": ORGANISATION_NAME,
                "kind": OrganisationKind.REFERRAL_SERVICE,
                "receives_public_requests": True,
            },
        )
        lines = [credentials_for(username, organisation, role) for username, role in STAFF]
    return "\n".join(
        [
            f"{ORGANISATION_NAME} (receives the demo's contact requests). Sign in at /staff/login as one of these.",
            "Demo only: new passwords and recovery codes at every start. Add the otpauth:// key to an authenticator",
            "app for codes (or run `oathtool --totp -b KEY`), or use a recovery code once.",
            *lines,
        ]
    )


def credentials_for(username: str, organisation: Organisation, role: Role) -> str:
    user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@demo.invalid"})
    password = demo_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    Membership.objects.update_or_create(user=user, organisation=organisation, defaults={"role": role})
    device = demo_authenticator(user)
    codes = replace_recovery_codes(user=user, count=RECOVERY_CODES_SHOWN)
    return (
        f"  {username} ({role.label}): password {password}  recovery codes {' '.join(codes)}\n"
        f"    authenticator key {device.config_url}"
    )


def demo_authenticator(user: User) -> AuthenticatorApp:
    device: AuthenticatorApp | None = authenticator_for(user)
    return device or AuthenticatorApp.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=True)


def demo_password() -> str:
    characters = [secrets.choice(RECOVERY_CODE_ALPHABET) for _ in range(16)]
    return "-".join("".join(characters[start : start + 4]) for start in range(0, 16, 4))
