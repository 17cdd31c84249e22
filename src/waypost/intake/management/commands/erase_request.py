from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from waypost.intake.services import erase_contact_request


class Command(BaseCommand):
    help = (
        "Erase a person's contact request (and the requests merged with it) on their request, keeping only a "
        "tombstone (reference and dates)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("reference", help="the reference code, like ABCD-2346")

    def handle(self, *args: Any, **options: Any) -> None:
        reference = options["reference"].strip().upper()
        erased = erase_contact_request(reference=reference)
        if not erased:
            raise CommandError(f"No request with reference {reference} that is not already erased.")
        merged = [other for other in erased if other != reference]
        also = f", and of the requests merged with it: {', '.join(merged)}" if merged else ""
        self.stdout.write(f"Erased the personal details of {reference}{also}.")
