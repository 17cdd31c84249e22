"""Bearer tokens for API clients: made once, stored only as a keyed hash, looked up by that hash (ADR 0026)."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from waypost.accounts.models import ApiClient, Organisation
from waypost.core.audit import AuditAction, AuditEvent
from waypost.core.encryption import keyed_hash

TOKEN_PREFIX = "wpt_"  # noqa: S105 - a marker that tells Waypost tokens apart, not a secret
TOKEN_PURPOSE = "api-client-token"  # noqa: S105 - the keyed hash's purpose label


def token_hash(token: str) -> str:
    return keyed_hash(token, purpose=TOKEN_PURPOSE)


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


def client_for_token(token: str) -> ApiClient | None:
    """The client a token belongs to, unless it was revoked; its last use is recorded."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    client = (
        ApiClient.objects.select_related("organisation")
        .filter(token_hash=token_hash(token), revoked_at__isnull=True)
        .first()
    )
    if client is not None:
        client.last_used_at = timezone.now()
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=client.last_used_at)
    return client
