from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from waypost.core.encryption import new_key


class Command(BaseCommand):
    help = "Print a new random Fernet key for WAYPOST_ENCRYPTION_KEYS."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(new_key())
