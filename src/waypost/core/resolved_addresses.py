"""Which view answers a public page's address, found once per process instead of at every request (docs/adr/0057).

Django finds the view for an address by trying the URL patterns in order, one include after another: 30 to 36 µs
for a question or contact page, whose patterns sit three includes deep, against 6 µs for a pattern at the top. What
it finds depends only on the URLconf and the address (Waypost's patterns are not translated), so the server's
handler keeps each public page's match, bounded and emptied when full or when a setting changes. Staff and recovery
addresses are looked up every time: their paths carry record numbers and one-time links, which are not kept.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.urls import ResolverMatch, get_resolver, set_urlconf

# The apps whose addresses hold no record, person or secret: the public pages
PUBLIC_NAMESPACES = frozenset({"core", "content", "selfcheck", "intake", "directory"})
# Every question, contact page and article a few times over, in each address prefix
MOST_ADDRESSES = 4000

resolved: dict[tuple[str, str], ResolverMatch] = {}


@receiver(setting_changed)
def forget_resolved_addresses(**_kwargs: Any) -> None:
    resolved.clear()


class ResolvingOnceHandler(WSGIHandler):
    """Django's WSGI handler, finding each public page's view once."""

    def resolve_request(self, request: HttpRequest) -> ResolverMatch:
        match = resolve_remembered(request)
        request.resolver_match = match
        return match


def resolve_remembered(request: HttpRequest) -> ResolverMatch:
    # As Django's handler does: an URLconf set on the request by a middleware is the one to use
    urlconf = getattr(request, "urlconf", None)
    if hasattr(request, "urlconf"):
        set_urlconf(urlconf)
    key = (str(urlconf or settings.ROOT_URLCONF), request.path_info)
    match = resolved.get(key)
    if match is None:
        match = get_resolver(urlconf).resolve(request.path_info)
        if match.namespace in PUBLIC_NAMESPACES:
            remember(key, match)
    return match


def remember(key: tuple[str, str], match: ResolverMatch) -> None:
    if len(resolved) >= MOST_ADDRESSES:
        resolved.clear()
    resolved[key] = match
