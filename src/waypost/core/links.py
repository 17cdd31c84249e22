"""Whole web addresses for links that leave the site, in e-mails and texts, where "/staff/" cannot be followed."""

from __future__ import annotations

from django.conf import settings

WEB_SCHEMES = ("https://", "http://")


def absolute_url(path_or_url: str) -> str:
    """A path on this site joined to WAYPOST_BASE_URL (and its prefix); a whole address is left as it is."""
    if path_or_url.startswith(WEB_SCHEMES):
        return path_or_url
    return f"{settings.BASE_URL}/{path_or_url.lstrip('/')}"
