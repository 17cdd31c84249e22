"""Staff accounts, the organisations they work for, and their role in each.

A custom user model from the start; the public never has an account.
"""

from __future__ import annotations

from binascii import unhexlify
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models, transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin
from django_otp.plugins.otp_totp.models import TOTPDevice

from waypost.core.encryption import EncryptedTextField, keyed_hash


# django-stubs cannot see the reverse managers of django-otp's untyped device models
class User(AbstractUser):  # type: ignore[django-manager-missing]
    # Raised at logout: a session cookie made before it no longer signs anyone in
    session_generation = models.PositiveIntegerField(default=0)
    # The language of their staff console on addresses that name none; English until they choose (docs/adr/0047)
    console_language = models.CharField(
        max_length=12, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE, db_default=settings.LANGUAGE_CODE
    )

    class Meta:
        db_table = "accounts_user"

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        # Django checks this hash on every request; mixing in the generation makes old signed cookies worthless
        key_salt = "waypost.accounts.models.User.get_session_auth_hash"
        value = f"{self.password}\x00{self.session_generation}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()


class OrganisationKind(models.TextChoices):
    REFERRAL_SERVICE = "referral-service", _("Referral service")
    TREATMENT_PROVIDER = "treatment-provider", _("Treatment provider")


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(max_length=24, choices=OrganisationKind.choices)
    # Public contact requests land in this organisation's queue
    receives_public_requests = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMISSIONS = "admissions", _("Admissions")
    CLINICIAN = "clinician", _("Clinician")
    SUPERVISOR = "supervisor", _("Supervisor")
    ORGANISATION_ADMIN = "organisation-admin", _("Organisation admin")


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=24, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="one_role_per_organisation")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) at {self.organisation}"


def recovery_code_hash(code: str) -> str:
    return keyed_hash(code, purpose="recovery-code")


class RecoveryCodeDevice(ThrottlingMixin, Device):  # type: ignore[misc]
    """A staff user's single-use recovery codes, a second factor for when their phone is not to hand.

    Only keyed hashes are stored, so the codes can be shown once and never again.
    """

    def verify_token(self, token: str) -> bool:
        is_allowed, _ = self.verify_is_allowed()
        if not is_allowed:
            return False
        # Deleting the matching row is what makes a code single-use, even under two concurrent sign-ins
        deleted, _ = self.codes.filter(code_hash=recovery_code_hash(token)).delete()
        if deleted:
            self.throttle_reset()
        else:
            self.throttle_increment()
        return bool(deleted)

    def get_throttle_factor(self) -> int:
        return 1


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["device", "code_hash"], name="recovery_code_unique")]

    def __str__(self) -> str:
        return f"Recovery code {self.pk} of {self.device}"


class AuthenticatorApp(TOTPDevice):  # type: ignore[misc]
    """django-otp's TOTP device with its secret kept encrypted in AuthenticatorSecret, not in its own `key` column.

    A proxy: same table, same codes, same back-off; django-otp finds it by its persistent id and skips proxies
    when it lists device models, so each device is seen once.
    """

    class Meta:
        proxy = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A new device comes with django-otp's random hex key: move it into the encrypted table before it is stored
        plain_key = self.plain_key()
        self.key = ""
        with transaction.atomic():
            super().save(*args, **kwargs)
            if plain_key:
                AuthenticatorSecret.objects.update_or_create(device_id=self.pk, defaults={"key": plain_key})
                self._secret_key = plain_key

    @property
    def bin_key(self) -> bytes:
        return unhexlify(self.secret_key().encode())

    def plain_key(self) -> str:
        # django-otp's column: empty once stored by this class
        return str(vars(self).get("key") or "")

    def secret_key(self) -> str:
        if self.plain_key():  # not stored yet, or written by something other than this class: save() moves it
            return self.plain_key()
        if not hasattr(self, "_secret_key"):
            self._secret_key = AuthenticatorSecret.objects.get(device_id=self.pk).key
        return str(self._secret_key)


class AuthenticatorSecret(models.Model):
    """The shared secret of one authenticator app, encrypted under WAYPOST_ENCRYPTION_KEYS (rotated by rotate-keys)."""

    device = models.OneToOneField(TOTPDevice, on_delete=models.CASCADE, primary_key=True, related_name="+")
    key = EncryptedTextField()

    def __str__(self) -> str:
        return f"Secret of authenticator {self.device_id}"


class SignInThrottle(models.Model):
    """Attempts to sign in to one account (or to it from one known browser) since the last success.

    Kept only under a keyed hash of the username, so it says nothing about whether the account exists.
    """

    bucket_hash = models.CharField(max_length=64, unique=True)
    failures = models.PositiveIntegerField(default=0)
    # No password or code is checked for this account before then
    wait_until = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["last_attempt_at"], name="accounts_throttle_time_idx")]

    def __str__(self) -> str:
        return f"Sign-in throttle with {self.failures} failures"


class ApiClient(models.Model):
    """A provider's own system, working its referral inbox through the FHIR API with a bearer token (ADR 0026).

    Only a keyed hash of the token is kept: it is shown once, when the client is created.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="api_clients")
    name = models.CharField(max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"API client {self.name} of {self.organisation_id}"
