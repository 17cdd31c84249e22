from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from waypost.recovery.services import find_quiet_enrolments


class Command(BaseCommand):
    help = (
        "Add a 'gone quiet' outreach task for each person on a daily rhythm who shares with their care team and has "
        "not checked in for 3 days. `waypost worker` runs it every five minutes; it never adds a second open task."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        made = find_quiet_enrolments(today=timezone.localdate())
        self.stdout.write(f"{made} quiet outreach task(s) added")
