from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from waypost.directory.services import purge_corrections
from waypost.intake.services import purge


class Command(BaseCommand):
    help = (
        "Delete closed requests and directory corrections past the retention period, unfinished drafts, old "
        "rate-limit records and sent messages."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=settings.RETENTION_DAYS, help="retention after closing")

    def handle(self, *args: Any, **options: Any) -> None:
        retention = datetime.timedelta(days=options["days"])
        summary = purge(closed_for=retention)
        corrections = purge_corrections(older_than=retention)
        self.stdout.write(
            f"Deleted {summary.closed_requests} closed requests, {summary.drafts} unfinished drafts, "
            f"{summary.rate_limit_windows} rate-limit counts, the details of {summary.messages} sent messages "
            f"and {corrections} directory corrections reported before the retention period."
        )
