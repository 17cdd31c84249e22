"""Writes to staff accounts: organisations, staff users and their roles, and ending a user's sessions."""

from __future__ import annotations

import logging
import secrets

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from waypost.accounts.api_clients import TOKEN_PREFIX, token_hash
from waypost.accounts.models import (
    ApiClient,
    AuthenticatorApp,
    Membership,
    Organisation,
    OrganisationKind,
    RecoveryCodeDevice,
    Role,
    User,
)
from waypost.core.audit import AuditAction, AuditEvent

logger = logging.getLogger(__name__)


def create_organisation(
    *, slug: str, name: str, kind: OrganisationKind, receives_public_requests: bool
) -> Organisation:
    return Organisation.objects.create(
        slug=slug, name=name, kind=kind, receives_public_requests=receives_public_requests
    )


def create_staff_user(*, username: str, email: str, password: str, organisation: Organisation, role: Role) -> User:
    """A staff user with one role. They set up their authenticator app the first time they sign in."""
    with transaction.atomic():
        user = User.objects.create_user(username=username, email=email, password=password)
        Membership.objects.create(user=user, organisation=organisation, role=role)
    logger.info("Created staff user %s with a role at organisation %s", user.pk, organisation.pk)
    return user


def add_role(*, user: User, organisation: Organisation, role: Role) -> Membership:
    return Membership.objects.create(user=user, organisation=organisation, role=role)


def end_sessions(*, user: User) -> None:
    """Sign the user out everywhere: every session cookie issued before now stops signing them in."""
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])


def reset_two_factor(*, user: User) -> None:
    """For a lost phone: remove every second factor and end every session; set-up starts at the next sign-in."""
    with transaction.atomic():
        AuthenticatorApp.objects.filter(user=user).delete()
        RecoveryCodeDevice.objects.filter(user=user).delete()
        end_sessions(user=user)
    logger.info("Removed the second factors of staff user %s", user.pk)


def create_api_client(*, organisation: Organisation, name: str, actor_name: str) -> tuple[ApiClient, str]:
    """The new client and its token, which is never stored and cannot be shown again."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        client = ApiClient.objects.create(
            organisation=organisation, name=name, token_hash=token_hash(token), created_at=now
        )
        AuditEvent.objects.create(
            at=now,
            actor=None,
            actor_name=actor_name[:150],
            organisation=organisation,
            action=AuditAction.CREATED_API_CLIENT,
            page="",
            detail=f"API client {client.pk}: {name}"[:200],
        )
    return client, token


def set_console_language(*, user: User, language: str) -> None:
    """The language of this staff member's console from their next page on (docs/adr/0047)."""
    user.console_language = language
    user.save(update_fields=["console_language"])
