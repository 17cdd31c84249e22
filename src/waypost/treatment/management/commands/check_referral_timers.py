from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from waypost.treatment.services import run_referral_timers


class Command(BaseCommand):
    help = (
        "Alert the sending team about referrals with no answer by their due time, and ask about intake dates that "
        "passed without an update. `waypost worker` runs this every few minutes; run it from cron without a worker."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = run_referral_timers()
        self.stdout.write(f"{result.overdue} overdue referral(s) alerted, {result.outcome_asked} outcome(s) asked")
