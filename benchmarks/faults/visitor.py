"""A visitor over real HTTP: keeps cookies, sends forms with their CSRF token, does not follow redirects.

The base address is chosen per request, so one visitor can walk a journey across several app servers.
"""

from __future__ import annotations

import http.client
import http.cookiejar
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FIRST_QUESTION = "/check/question/safety.danger-now"


@dataclass(frozen=True)
class Answer:
    status: int  # 0: no answer at all (refused, reset, timed out)
    body: str
    location: str
    seconds: float


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *arguments: Any, **options: Any) -> None:
        return None


class Visitor:
    def __init__(self, *, timeout: float = 30) -> None:
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirects())
        self.timeout = timeout

    def get(self, url: str) -> Answer:
        return self.send(urllib.request.Request(url))

    def post_form(self, url: str, fields: Mapping[str, str]) -> Answer:
        data = urllib.parse.urlencode(fields).encode()
        return self.send(urllib.request.Request(url, data=data, method="POST"))

    def post_json(self, url: str, body: object, *, headers: Mapping[str, str]) -> Answer:
        request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST")
        request.add_header("Content-Type", "application/json")
        for name, value in headers.items():
            request.add_header(name, value)
        return self.send(request)

    def send(self, request: urllib.request.Request) -> Answer:
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                body = response.read().decode(errors="replace")
                return Answer(response.status, body, response.headers.get("Location", ""), time.monotonic() - started)
        except urllib.error.HTTPError as error:
            body = error.read().decode(errors="replace")
            return Answer(error.code, body, error.headers.get("Location", "") or "", time.monotonic() - started)
        except (OSError, http.client.HTTPException):
            # Refused, reset, timed out, or cut off mid-body when a server was killed
            return Answer(0, "", "", time.monotonic() - started)


def csrf_token(html: str) -> str:
    found = CSRF_FIELD.search(html)
    return found.group(1) if found else ""
