from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from waypost.recovery.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "Send the check-in reminders people chose, through the outbox, outside their quiet hours and not after they "
        "checked in. `waypost worker` runs it every five minutes; each person gets at most one a day (or a week)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{send_due_reminders(now=timezone.now())} reminder(s) queued")
