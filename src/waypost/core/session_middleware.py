"""Django's session middleware, re-sending the encrypted cookie only when it changed or is a minute old.

`SESSION_SAVE_EVERY_REQUEST` re-encrypted and re-sent the whole session on every request so that the idle limit
(the Fernet token's own timestamp) restarted each time. Here a page that reads the session re-sends it only once
its cookie is a minute old, so the limit still runs from within a minute of the person's last request, and most
requests skip an encryption and a 300-byte header. See docs/adr/0041-dynamic-pages-without-waste.md.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponse

from waypost.core.encrypted_cookie_session import is_due_for_refresh


class RefreshingSessionMiddleware(SessionMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        session = getattr(request, "session", None)
        cookie = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        # Only pages that use the session keep it alive; information pages leave the cookie alone
        if session is not None and session.accessed and cookie and is_due_for_refresh(cookie):
            session.modified = True
        return super().process_response(request, response)
