"""Who texted STOP: the one check every SMS in Waypost passes before the outbox stores it (H-071).

Numbers are never stored here, only their keyed hash, the same one contact requests use for phone numbers.
"""

from __future__ import annotations

from collections.abc import Iterable

from waypost.conversations.models import SmsOptOut
from waypost.core.encryption import keyed_hash

PHONE_PURPOSE = "phone"  # the purpose intake uses, so a conversation and a request from one number match


def phone_hash(phone: str) -> str:
    return keyed_hash(phone, purpose=PHONE_PURPOSE)


def opted_out_numbers(phones: Iterable[str]) -> frozenset[str]:
    """Those of `phones` that texted STOP and have not texted START since: one query for the whole batch."""
    hashes = {phone_hash(phone): phone for phone in phones}
    if not hashes:
        return frozenset()
    found = SmsOptOut.objects.filter(phone_hash__in=list(hashes)).values_list("phone_hash", flat=True)
    return frozenset(hashes[found_hash] for found_hash in found)
