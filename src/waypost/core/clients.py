"""Which client sent a request, for rate limits and idempotent retries; the address is hashed before it is stored.

Behind proxies that append to X-Forwarded-For, only the entries they added can be trusted: everything to the left
of them is whatever the client chose to send. With N trusted proxies the client's address is the N-th entry from
the right; anything else (too few entries, not an IP address) falls back to the address that connected to us.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    connected = str(request.META.get("REMOTE_ADDR", ""))
    if not settings.TRUST_X_FORWARDED_FOR:
        return connected
    return address_added_by_trusted_proxies(request.headers.get("X-Forwarded-For", "")) or connected


def address_added_by_trusted_proxies(forwarded_for: str) -> str | None:
    entries = [entry.strip() for entry in forwarded_for.split(",")]
    if len(entries) < settings.TRUSTED_PROXY_COUNT:
        return None
    return canonical_address(entries[-settings.TRUSTED_PROXY_COUNT])


def canonical_address(text: str) -> str | None:
    # One spelling per address, so "2001:DB8::1" and "2001:db8:0::1" share a count
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None
