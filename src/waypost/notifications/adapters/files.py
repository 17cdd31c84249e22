"""The demo's delivery: each message becomes a file in the data folder's outbox, so nothing leaves the machine.

The files hold personal data in plain text; use this only for the demo and local testing.
"""

from __future__ import annotations

import os
from pathlib import Path

from waypost.notifications.adapters.base import Delivery, DeliveryError
from waypost.notifications.adapters.smtp import build_email


class EmailFileAdapter:
    def __init__(self, *, folder: Path, from_address: str) -> None:
        self.folder = folder
        self.from_address = from_address

    def send(self, delivery: Delivery) -> str:
        message = build_email(delivery, from_address=self.from_address).message()
        return write_privately(self.folder, f"{delivery.delivery_key}.eml", message.as_bytes())


class SmsFileAdapter:
    def __init__(self, *, folder: Path) -> None:
        self.folder = folder

    def send(self, delivery: Delivery) -> str:
        text = f"To: {delivery.recipient}\n\n{delivery.body}\n"
        return write_privately(self.folder, f"{delivery.delivery_key}.sms.txt", text.encode())


def write_privately(folder: Path, name: str, content: bytes) -> str:
    """Write readable by the owner only, and whole: a reader never sees half a message."""
    temporary = folder / f".{name}.partial"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
        os.replace(temporary, folder / name)
    except OSError as error:
        raise DeliveryError(
            f"The outbox folder cannot be written ({type(error).__name__}).", detail=str(error)
        ) from error
    return f"file:{name}"
