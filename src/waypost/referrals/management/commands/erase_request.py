from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from waypost.referrals.services import erase_contact_request


class Command(BaseCommand):
    help = "Erase a person's contact request on their request, keeping only a tombstone (reference and dates)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("reference", help="the reference code, like ABCD-2346")

    def handle(self, *args: Any, **options: Any) -> None:
        reference = options["reference"].strip().upper()
        if not erase_contact_request(reference=reference):
            raise CommandError(f"No request with reference {reference} that is not already erased.")
        self.stdout.write(f"Erased the personal details of {reference}.")
