from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_slug

from waypost.accounts.models import Organisation, OrganisationKind
from waypost.accounts.services import create_organisation

ALREADY_EXISTS = 1
BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        "Create an organisation that staff belong to. Exit codes: 0 created, 1 the slug is taken, 2 bad input. "
        "Example: waypost createorg north-team --name 'North referral team' --kind referral-service "
        "--receives-public-requests"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="short name used in commands and addresses, like north-team")
        parser.add_argument("--name", required=True, help="the organisation's name as staff see it")
        parser.add_argument("--kind", required=True, choices=OrganisationKind.values, help="what it does")
        parser.add_argument(
            "--receives-public-requests",
            action="store_true",
            help="contact requests from the public site go to this organisation's queue",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        slug, name = options["slug"].strip(), options["name"].strip()
        check_slug(slug)
        if not name or len(name) > Organisation._meta.get_field("name").max_length:  # type: ignore[operator]
            raise CommandError("Give the organisation a name of 1 to 200 characters.", returncode=BAD_INPUT)
        if Organisation.objects.filter(slug=slug).exists():
            raise CommandError(f"An organisation with the slug {slug!r} already exists.", returncode=ALREADY_EXISTS)
        organisation = create_organisation(
            slug=slug,
            name=name,
            kind=OrganisationKind(options["kind"]),
            receives_public_requests=options["receives_public_requests"],
        )
        receives = "receives" if organisation.receives_public_requests else "does not receive"
        self.stdout.write(f"Created {organisation.name} ({slug}); it {receives} contact requests from the public.")


def check_slug(slug: str) -> None:
    try:
        validate_slug(slug)
    except ValidationError:
        raise CommandError(
            f"{slug!r} is not a slug: use letters, numbers, hyphens and underscores only.", returncode=BAD_INPUT
        ) from None
    if len(slug) > Organisation._meta.get_field("slug").max_length:  # type: ignore[operator]
        raise CommandError("The slug must be 60 characters or fewer.", returncode=BAD_INPUT)
