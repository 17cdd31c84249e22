"""Twilio's request signature (X-Twilio-Signature), checked on every text and delivery report it posts to us.

Written from Twilio's description: HMAC-SHA1, keyed with the account's auth token, over the whole URL Twilio
called followed by each POST parameter's name and value, sorted by name; base64-encoded. Compared in constant time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterable

from django.conf import settings
from django.http import HttpRequest

from waypost.core.links import absolute_url

SIGNATURE_HEADER = "HTTP_X_TWILIO_SIGNATURE"


def expected_signature(url: str, parameters: Iterable[tuple[str, str]], *, auth_token: str) -> str:
    """A name sent more than once is signed once per distinct value, values in order, as Twilio's libraries do."""
    signed = url + "".join(name + value for name, value in sorted(set(parameters)))
    digest = hmac.new(auth_token.encode(), signed.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def is_signed_by_twilio(request: HttpRequest) -> bool:
    """False without a configured token, without the header, or with any other signature."""
    auth_token = settings.TWILIO_AUTH_TOKEN
    given = request.META.get(SIGNATURE_HEADER, "")
    if not auth_token or not given:
        return False
    # The address Twilio was told to call: behind a proxy the request's own host and scheme may differ
    url = absolute_url(request.get_full_path())
    parameters = [(name, value) for name, values in request.POST.lists() for value in values]
    return hmac.compare_digest(expected_signature(url, parameters, auth_token=auth_token), given)
