"""Messages as the intake app queues them, and adapters that stand in for a provider."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta

from django.db import transaction

from waypost.notifications.adapters import Delivery, DeliveryError
from waypost.notifications.adapters.smtp import SmtpAdapter, SmtpServer
from waypost.notifications.models import Channel, OutboundMessage
from waypost.notifications.outbox import OutboxPolicy
from waypost.notifications.services import queue_message

FROM_ADDRESS = "Riverside <no-reply@help.example.org>"
PERSON_EMAIL = "sam.person@example.org"
PERSON_PHONE = "+447700900123"
REQUEST_CONTEXT = {
    "reference": "K7P-4QX",
    "service_name": "Riverside Wellbeing",
    "first_contact_within": "1 working day",
    "contact_by": "phone or text",
    "emergency_number": "999",
}
TEAM_CONTEXT = {"reference": "K7P-4QX", "has_red_flag": "yes", "staff_url": "https://help.example.org/staff/K7P-4QX"}
QUICK_POLICY = OutboxPolicy(
    max_attempts=4, first_retry=timedelta(seconds=60), longest_retry=timedelta(seconds=600), lease=timedelta(minutes=5)
)


def queue_confirmation(*, channel: Channel = Channel.EMAIL, recipient: str = PERSON_EMAIL) -> OutboundMessage:
    with transaction.atomic():
        return queue_message(
            channel=channel,
            recipient=recipient,
            template="request-received",
            context=REQUEST_CONTEXT,
            reference="K7P-4QX",
        )


def queue_confirmations(count: int) -> list[OutboundMessage]:
    with transaction.atomic():
        return [
            queue_message(
                channel=Channel.EMAIL,
                recipient=f"person{number}@example.org",
                template="request-received",
                context=REQUEST_CONTEXT,
                reference=f"REF-{number:04d}",
            )
            for number in range(count)
        ]


class RecordingAdapter:
    """Accepts everything and remembers each delivery key, from any thread."""

    def __init__(self, *, before_each: Callable[[Delivery], None] | None = None) -> None:
        self.deliveries: list[Delivery] = []
        self.lock = threading.Lock()
        self.before_each = before_each

    def send(self, delivery: Delivery) -> str:
        if self.before_each:
            self.before_each(delivery)
        with self.lock:
            self.deliveries.append(delivery)
        return f"recorded-{delivery.delivery_key}"

    def delivery_keys(self) -> list[str]:
        return [delivery.delivery_key for delivery in self.deliveries]


class RefusingAdapter:
    def __init__(self, *, is_permanent: bool = False) -> None:
        self.calls = 0
        self.is_permanent = is_permanent

    def send(self, delivery: Delivery) -> str:
        self.calls += 1
        raise DeliveryError(
            "Provider said no.", detail=f"Provider refused {delivery.recipient}", is_permanent=self.is_permanent
        )


class SilentAdapter:
    """The provider took the request but no answer came back."""

    def send(self, delivery: Delivery) -> str:
        raise TimeoutError("timed out waiting for the answer")


def smtp_adapter_for(port: int) -> SmtpAdapter:
    server = SmtpServer(host="127.0.0.1", port=port, use_tls=False, timeout_seconds=5)
    return SmtpAdapter(server=server, from_address=FROM_ADDRESS)
