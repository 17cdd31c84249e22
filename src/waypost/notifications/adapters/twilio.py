"""SMS through Twilio's Messages API over plain HTTPS (no SDK), behind a transport tests replace with a fake."""

from __future__ import annotations

import base64
import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from waypost.notifications.adapters.base import Delivery, DeliveryError, DeliveryOutcomeUnknown

TWILIO_API_BASE = "https://api.twilio.com/2010-04-01"
ACCEPTED_STATUSES = (200, 201)
CLIENT_ERROR_STATUSES = range(400, 500)
# Client errors that a retry or a fixed setting cannot cure (a bad or unsubscribed number)
RETRYABLE_CLIENT_STATUSES = (401, 403, 404, 408, 409, 429)


@dataclass(frozen=True)
class HttpRequest:
    method: str
    url: str
    headers: Mapping[str, str]
    body: bytes


@dataclass(frozen=True)
class HttpResponse:
    status: int
    body: bytes


class RequestNotSent(OSError):
    """The request never reached the provider (refused, no route, name lookup or TLS failure)."""


class HttpTransport(Protocol):
    def __call__(self, request: HttpRequest, *, timeout: float) -> HttpResponse: ...


def send_over_https(request: HttpRequest, *, timeout: float) -> HttpResponse:
    """urllib: errors while connecting or writing become RequestNotSent; errors after that pass through."""
    if not request.url.startswith("https://"):
        raise RequestNotSent("Only https:// addresses may be called.")
    prepared = urllib.request.Request(  # noqa: S310 - https only, checked above
        request.url, data=request.body, headers=dict(request.headers), method=request.method
    )
    try:
        with urllib.request.urlopen(prepared, timeout=timeout) as response:  # noqa: S310 - https only
            return HttpResponse(status=response.status, body=response.read())
    except urllib.error.HTTPError as error:
        return HttpResponse(status=error.code, body=error.read())
    except urllib.error.URLError as error:
        raise RequestNotSent(str(error.reason)) from error


class TwilioAdapter:
    def __init__(
        self,
        *,
        account_sid: str,
        auth_token: str,
        from_number: str,
        transport: HttpTransport = send_over_https,
        timeout_seconds: float = 30,
    ) -> None:
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.from_number = from_number
        self.transport = transport
        self.timeout_seconds = timeout_seconds

    def send(self, delivery: Delivery) -> str:
        try:
            response = self.transport(self.request_for(delivery), timeout=self.timeout_seconds)
        except RequestNotSent as error:
            raise DeliveryError("Twilio could not be reached.", detail=str(error)) from error
        except (OSError, http.client.HTTPException) as error:
            summary = f"No answer from Twilio after sending ({type(error).__name__})."
            raise DeliveryOutcomeUnknown(summary, detail=str(error)) from error
        return message_sid_from(response)

    def request_for(self, delivery: Delivery) -> HttpRequest:
        account = urllib.parse.quote(self.account_sid, safe="")
        form = {"To": delivery.recipient, "From": self.from_number, "Body": delivery.body}
        credentials = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        return HttpRequest(
            method="POST",
            url=f"{TWILIO_API_BASE}/Accounts/{account}/Messages.json",
            headers={
                "Authorization": f"Basic {credentials}",
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
            },
            body=urllib.parse.urlencode(form).encode(),
        )


def message_sid_from(response: HttpResponse) -> str:
    answer = parse_json_object(response.body)
    if response.status in ACCEPTED_STATUSES:
        sid = answer.get("sid")
        if isinstance(sid, str) and sid:
            return sid
        raise DeliveryOutcomeUnknown("Twilio accepted the request but its answer held no message id.")
    code = answer.get("code", "none")
    summary = f"Twilio refused the message (HTTP {response.status}, error {code})."
    is_permanent = response.status in CLIENT_ERROR_STATUSES and response.status not in RETRYABLE_CLIENT_STATUSES
    detail = str(answer.get("message", "")) or response.body.decode(errors="replace")[:500]
    raise DeliveryError(summary, detail=detail, is_permanent=is_permanent)


def parse_json_object(body: bytes) -> dict[str, object]:
    try:
        answer = json.loads(body)
    except ValueError:
        return {}
    return answer if isinstance(answer, dict) else {}
