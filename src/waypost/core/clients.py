"""Which client sent a request, for rate limits and the sign-in lockout; the address is hashed before it is stored."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded.strip():
            return forwarded.split(",")[0].strip()
    return str(request.META.get("REMOTE_ADDR", ""))
