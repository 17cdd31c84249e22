from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from waypost.accounts.models import ApiClient, Organisation
from waypost.accounts.services import create_api_client

NO_SUCH_ORGANISATION = 1
BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        "Create a bearer token for an organisation's own system to work its referral inbox through /fhir/Task. "
        "The token is printed once and only a keyed hash is kept. "
        "Example: waypost create-api-client --organisation north-clinic --name 'Clinic records system'"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", required=True, help="the organisation's slug, like north-clinic")
        parser.add_argument("--name", default="API client", help="what the token is for, as the audit log shows it")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["name"].strip()
        if not name or len(name) > ApiClient._meta.get_field("name").max_length:  # type: ignore[operator]
            raise CommandError("Give the client a name of 1 to 100 characters.", returncode=BAD_INPUT)
        organisation = Organisation.objects.filter(slug=options["organisation"].strip()).first()
        if organisation is None:
            raise CommandError(
                f"There is no organisation with the slug {options['organisation']!r}.", returncode=NO_SUCH_ORGANISATION
            )
        _, token = create_api_client(organisation=organisation, name=name, actor_name="waypost create-api-client")
        self.stdout.write(f"API client {name!r} for {organisation.name}. Token (shown only now, keep it secret):")
        self.stdout.write(token)
