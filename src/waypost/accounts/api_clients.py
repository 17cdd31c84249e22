"""Bearer tokens for API clients: stored only as a keyed hash and looked up by it (ADR 0026).

They are made by `accounts.services.create_api_client`."""

from __future__ import annotations

from django.utils import timezone

from waypost.accounts.models import ApiClient
from waypost.core.encryption import keyed_hash

TOKEN_PREFIX = "wpt_"  # noqa: S105 - a marker that tells Waypost tokens apart, not a secret
TOKEN_PURPOSE = "api-client-token"  # noqa: S105 - the keyed hash's purpose label


def token_hash(token: str) -> str:
    return keyed_hash(token, purpose=TOKEN_PURPOSE)


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
