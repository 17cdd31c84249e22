from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from waypost.accounts.models import User
from waypost.accounts.services import reset_two_factor

BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        "For a staff user who lost their phone: remove their authenticator app and recovery codes and sign them "
        "out everywhere; they set up a new app at their next sign-in. Exit 2 if there is no such user."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="the staff user's username")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"].strip()
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no staff user named {username!r}.", returncode=BAD_INPUT)
        reset_two_factor(user=user)
        self.stdout.write(f"Removed {username}'s authenticator app and recovery codes, and signed them out.")
