"""Read a request body up to a limit, so an oversized body is a clear 413 and never Django's HTML 400 page."""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest


class BodyTooLarge(Exception):
    """The body is longer than the endpoint accepts."""


def read_limited_body(request: HttpRequest, *, maximum: int) -> bytes:
    # Refuse on the declared length first, so a huge body is never read into memory
    if declared_length(request) > maximum:
        raise BodyTooLarge
    try:
        body = request.body
    except RequestDataTooBig:
        raise BodyTooLarge from None
    if len(body) > maximum:
        raise BodyTooLarge
    return body


def declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
