"""Signing in to recovery support without a password: one-time codes, the phone app's bearer tokens, and the
recovery phrase. Only keyed hashes of codes, tokens and phrases are kept (ADR 0040)."""

from __future__ import annotations

import datetime
import secrets
from enum import StrEnum

from django.db import transaction
from django.utils import timezone, translation

from waypost.core.encryption import keyed_hash
from waypost.notifications.models import Channel
from waypost.notifications.services import queue_message
from waypost.recovery import access
from waypost.recovery.models import AccessToken, Enrolment, SignInCode

CODE_DIGITS = 6
CODE_LIFETIME = datetime.timedelta(minutes=15)
MAXIMUM_WRONG_CODES = 5
# A few codes an hour is plenty for a person; more would let someone flood their phone
MAXIMUM_CODES_PER_HOUR = 5
TOKEN_LIFETIME = datetime.timedelta(days=30)


class CodeResult(StrEnum):
    SIGNED_IN = "signed-in"
    WRONG = "wrong"
    EXPIRED = "expired"
    THROTTLED = "throttled"


def contact_hash(contact: str) -> str:
    return keyed_hash(contact.strip().lower(), purpose="recovery-contact")


def code_hash(enrolment: Enrolment, code: str) -> str:
    return keyed_hash(f"{enrolment.pk}:{code}", purpose="recovery-code")


@transaction.atomic
def send_sign_in_code(*, contact: str, language: str) -> Enrolment | None:
    """Send a code, in the language of the address it was asked from, to an active enrolment with this contact;
    None (and nothing sent) for anyone else."""
    enrolment = Enrolment.objects.active().filter(contact_hash=contact_hash(contact)).order_by("-created_at").first()
    if enrolment is None:
        return None
    now = timezone.now()
    recent = SignInCode.objects.filter(enrolment=enrolment, created_at__gte=now - datetime.timedelta(hours=1))
    if recent.count() >= MAXIMUM_CODES_PER_HOUR:
        return enrolment
    code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
    SignInCode.objects.create(
        enrolment=enrolment, code_hash=code_hash(enrolment, code), created_at=now, expires_at=now + CODE_LIFETIME
    )
    with translation.override(language):
        queue_message(
            channel=Channel(enrolment.contact_channel),
            recipient=enrolment.contact,
            template="recovery-code",
            context={"code": code, "minutes": str(CODE_LIFETIME.seconds // 60)},
            reference=enrolment.reference,
        )
    return enrolment


@transaction.atomic
def remember_language(*, enrolment_id: int, language: str, region: str) -> None:
    """Set on signing in, not on asking for a code: only the person themselves chooses what later messages say."""
    Enrolment.objects.filter(pk=enrolment_id).update(language=language, region=region)


@transaction.atomic
def check_sign_in_code(*, enrolment_id: int, code: str) -> CodeResult:
    latest = (
        SignInCode.objects.select_for_update()
        .filter(enrolment_id=enrolment_id, enrolment__ended_at__isnull=True)
        .order_by("-created_at", "-pk")
        .first()
    )
    if latest is None or latest.used_at is not None:
        return CodeResult.EXPIRED
    if latest.wrong_attempts >= MAXIMUM_WRONG_CODES:
        return CodeResult.THROTTLED
    if latest.expires_at <= timezone.now():
        return CodeResult.EXPIRED
    if not secrets.compare_digest(latest.code_hash, code_hash(latest.enrolment, code.strip())):
        latest.wrong_attempts += 1
        latest.save(update_fields=["wrong_attempts"])
        return CodeResult.THROTTLED if latest.wrong_attempts >= MAXIMUM_WRONG_CODES else CodeResult.WRONG
    latest.used_at = timezone.now()
    latest.save(update_fields=["used_at"])
    return CodeResult.SIGNED_IN


@transaction.atomic
def exchange_code_for_token(*, contact: str, code: str) -> tuple[CodeResult, str, datetime.datetime | None]:
    """(result, bearer token, expiry) for the phone app; the token itself is never stored, only its keyed hash."""
    enrolment = Enrolment.objects.active().filter(contact_hash=contact_hash(contact)).order_by("-created_at").first()
    if enrolment is None:
        return CodeResult.WRONG, "", None
    result = check_sign_in_code(enrolment_id=enrolment.pk, code=code)
    if result != CodeResult.SIGNED_IN:
        return result, "", None
    token = secrets.token_urlsafe(32)
    expires_at = timezone.now() + TOKEN_LIFETIME
    AccessToken.objects.create(
        enrolment=enrolment, token_hash=access.token_hash(token), created_at=timezone.now(), expires_at=expires_at
    )
    return result, token, expires_at


PHRASE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O or 1/I, so it can be copied by hand
PHRASE_GROUPS = 6
PHRASE_GROUP_LENGTH = 5


def normalised_phrase(phrase: str) -> str:
    return "".join(character for character in phrase.upper() if character in PHRASE_ALPHABET)


def phrase_hash(phrase: str) -> str:
    return keyed_hash(normalised_phrase(phrase), purpose="recovery-phrase")


@transaction.atomic
def create_recovery_phrase(*, enrolment: Enrolment) -> str:
    """A new phrase (150 random bits), shown once; it replaces any earlier one."""
    groups = (
        "".join(secrets.choice(PHRASE_ALPHABET) for _ in range(PHRASE_GROUP_LENGTH)) for _ in range(PHRASE_GROUPS)
    )
    phrase = "-".join(groups)
    enrolment.phrase_hash = phrase_hash(phrase)
    enrolment.save(update_fields=["phrase_hash"])
    return phrase


def enrolment_for_phrase(phrase: str) -> Enrolment | None:
    if len(normalised_phrase(phrase)) != PHRASE_GROUPS * PHRASE_GROUP_LENGTH:
        return None
    return Enrolment.objects.active().filter(phrase_hash=phrase_hash(phrase)).first()
