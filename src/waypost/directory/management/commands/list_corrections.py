from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from waypost.directory.management.terminal_text import printable
from waypost.directory.models import Correction
from waypost.directory.services import mark_correction_reviewed


class Command(BaseCommand):
    help = "List corrections reported by the public, oldest first; --reviewed ID marks one as dealt with."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="include corrections already reviewed")
        parser.add_argument("--reviewed", type=int, metavar="ID", help="mark this correction as reviewed")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["reviewed"] is not None:
            if not mark_correction_reviewed(correction_id=options["reviewed"]):
                raise CommandError(f"No new correction has the id {options['reviewed']}")
            self.stdout.write(f"Correction {options['reviewed']} marked as reviewed")
            return
        corrections = Correction.objects.select_related("service", "service__organization").order_by("created_at")
        if not options["all"]:
            corrections = corrections.filter(status=Correction.Status.NEW)
        shown = 0
        for correction in corrections.iterator():
            self.stdout.write(describe(correction))
            shown += 1
        self.stdout.write(f"{shown} correction{'s' if shown != 1 else ''}")


def describe(correction: Correction) -> str:
    """Everything typed by the public or imported is passed through printable(): it may hold escape sequences."""
    service = correction.service
    origin = f"{service.organization.name}; source {service.source}, id {service.source_id}"
    lines = [
        f"#{correction.id} [{correction.status}] {correction.created_at:%Y-%m-%d %H:%M}",
        f"  problem: {correction.get_problem_display()}",
        f"  service: {printable(service.name)} ({printable(origin)})",
        f"  details: {printable(correction.details)}",
    ]
    if correction.reporter_contact:
        lines.append(f"  reporter's contact (given by choice): {printable(correction.reporter_contact)}")
    return "\n".join(lines)
