"""What every delivery adapter receives and how it reports failure.

The worker retries only a DeliveryError, which an adapter raises when it knows the provider did not take the
message. Any other exception means the provider may have taken it, so the message is never sent again
automatically (docs/adr/0007).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Delivery:
    recipient: str
    subject: str
    body: str
    delivery_key: str


class Adapter(Protocol):
    def send(self, delivery: Delivery) -> str:
        """Hand the message to the provider and return the provider's id for it."""


class DeliveryError(Exception):
    """The provider did not take the message: safe to try again, unless `is_permanent`.

    `summary` is safe to log; `detail` (the provider's own words) may quote the recipient, so it is only
    stored encrypted with the message.
    """

    def __init__(self, summary: str, *, detail: str = "", is_permanent: bool = False) -> None:
        super().__init__(summary)
        self.summary = summary
        self.detail = detail or summary
        self.is_permanent = is_permanent


class DeliveryOutcomeUnknown(Exception):
    """The request reached the provider but no answer came back: it may or may not have been sent."""

    def __init__(self, summary: str, *, detail: str = "") -> None:
        super().__init__(summary)
        self.summary = summary
        self.detail = detail or summary
