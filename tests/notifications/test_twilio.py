"""The Twilio adapter with a fake HTTP transport: no request ever leaves the machine."""

from __future__ import annotations

import base64
import http.client
import json
import urllib.parse

import pytest

from tests.notifications.builders import PERSON_PHONE, QUICK_POLICY, queue_confirmation
from tests.servers import free_port
from waypost.notifications.adapters import Delivery, DeliveryError, DeliveryOutcomeUnknown
from waypost.notifications.adapters.twilio import (
    HttpRequest,
    HttpResponse,
    RequestNotSent,
    TwilioAdapter,
    send_over_https,
)
from waypost.notifications.models import Channel, Status
from waypost.notifications.worker import OutboxWorker, Outcome

ACCOUNT_SID = "AC00000000000000000000000000000001"
AUTH_TOKEN = "not-a-real-token"
FROM_NUMBER = "+447700900999"
MESSAGE_SID = "SM00000000000000000000000000000002"
DELIVERY = Delivery(recipient=PERSON_PHONE, subject="", body="We have your request.", delivery_key="key-1")


class FakeTransport:
    """Answers every request with one canned response (or error) and keeps what it was asked."""

    def __init__(self, response: HttpResponse | None = None, *, error: Exception | None = None) -> None:
        self.response = response or HttpResponse(201, json.dumps({"sid": MESSAGE_SID, "status": "queued"}).encode())
        self.error = error
        self.requests: list[HttpRequest] = []
        self.timeouts: list[float] = []

    def __call__(self, request: HttpRequest, *, timeout: float) -> HttpResponse:
        self.requests.append(request)
        self.timeouts.append(timeout)
        if self.error:
            raise self.error
        return self.response


def twilio_with(transport: FakeTransport) -> TwilioAdapter:
    return TwilioAdapter(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN, from_number=FROM_NUMBER, transport=transport)


def twilio_error(status: int, code: int) -> HttpResponse:
    answer = {"code": code, "message": f"The 'To' number {PERSON_PHONE} is not valid.", "status": status}
    return HttpResponse(status, json.dumps(answer).encode())


def test_posts_the_message_form_to_the_accounts_messages_endpoint() -> None:
    transport = FakeTransport()

    twilio_with(transport).send(DELIVERY)

    [request] = transport.requests
    assert request.method == "POST"
    assert request.url == f"https://api.twilio.com/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"
    assert urllib.parse.parse_qs(request.body.decode()) == {
        "To": [PERSON_PHONE],
        "From": [FROM_NUMBER],
        "Body": ["We have your request."],
    }
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    expected_credentials = base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
    assert request.headers["Authorization"] == f"Basic {expected_credentials}"
    assert transport.timeouts == [30]


def test_returns_the_message_sid_twilio_gives() -> None:
    assert twilio_with(FakeTransport()).send(DELIVERY) == MESSAGE_SID


@pytest.mark.django_db
def test_the_worker_records_the_sid_as_the_provider_id() -> None:
    message = queue_confirmation(channel=Channel.SMS, recipient=PERSON_PHONE)
    transport = FakeTransport()

    outcomes = OutboxWorker(adapters={Channel.SMS: twilio_with(transport)}, policy=QUICK_POLICY).run_once()

    message.refresh_from_db()
    assert outcomes == {Outcome.SENT: 1}
    assert (message.status, message.provider_id) == (Status.SENT, MESSAGE_SID)
    assert urllib.parse.parse_qs(transport.requests[0].body.decode())["Body"] == [message.body]


@pytest.mark.parametrize("status", [500, 502, 503, 429, 401, 404])
def test_server_errors_rate_limits_and_bad_credentials_are_retried(status: int) -> None:
    with pytest.raises(DeliveryError) as error:
        twilio_with(FakeTransport(twilio_error(status, 20003))).send(DELIVERY)

    assert error.value.is_permanent is False
    assert error.value.summary == f"Twilio refused the message (HTTP {status}, error 20003)."
    assert PERSON_PHONE not in error.value.summary
    assert PERSON_PHONE in error.value.detail


def test_an_invalid_number_is_not_retried() -> None:
    with pytest.raises(DeliveryError) as error:
        twilio_with(FakeTransport(twilio_error(400, 21211))).send(DELIVERY)

    assert error.value.is_permanent is True
    assert error.value.summary == "Twilio refused the message (HTTP 400, error 21211)."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "expected"), [(503, (Status.QUEUED, Outcome.RETRYING)), (400, (Status.FAILED, Outcome.FAILED))]
)
def test_the_worker_retries_or_fails_by_twilios_answer(status: int, expected: tuple[Status, Outcome]) -> None:
    message = queue_confirmation(channel=Channel.SMS, recipient=PERSON_PHONE)
    adapter = twilio_with(FakeTransport(twilio_error(status, 30001)))

    outcomes = OutboxWorker(adapters={Channel.SMS: adapter}, policy=QUICK_POLICY).run_once()

    message.refresh_from_db()
    assert (message.status, *outcomes) == expected
    assert message.provider_id == ""


def test_an_error_page_that_is_not_json_is_still_a_refusal() -> None:
    with pytest.raises(DeliveryError, match=r"HTTP 502, error none"):
        twilio_with(FakeTransport(HttpResponse(502, b"<html>Bad gateway</html>"))).send(DELIVERY)


def test_twilio_unreachable_is_retried() -> None:
    with pytest.raises(DeliveryError, match="Twilio could not be reached"):
        twilio_with(FakeTransport(error=RequestNotSent("Connection refused"))).send(DELIVERY)


@pytest.mark.parametrize("error", [TimeoutError("read timed out"), http.client.RemoteDisconnected("closed")])
def test_no_answer_after_sending_is_an_unknown_outcome(error: Exception) -> None:
    with pytest.raises(DeliveryOutcomeUnknown):
        twilio_with(FakeTransport(error=error)).send(DELIVERY)


def test_an_accepted_answer_without_a_sid_is_an_unknown_outcome() -> None:
    with pytest.raises(DeliveryOutcomeUnknown):
        twilio_with(FakeTransport(HttpResponse(201, b"{}"))).send(DELIVERY)


def test_the_real_transport_calls_only_https_addresses() -> None:
    request = HttpRequest(method="POST", url="file:///etc/passwd", headers={}, body=b"")

    with pytest.raises(RequestNotSent, match="Only https"):
        send_over_https(request, timeout=1)


def test_the_real_transport_reports_a_refused_connection_as_not_sent() -> None:
    request = HttpRequest(method="POST", url=f"https://127.0.0.1:{free_port()}/", headers={}, body=b"")

    with pytest.raises(RequestNotSent):
        send_over_https(request, timeout=5)
