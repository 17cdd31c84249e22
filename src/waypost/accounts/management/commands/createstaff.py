from __future__ import annotations

import getpass
import sys
from pathlib import Path
from typing import Any, TextIO

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email

from waypost.accounts.models import Membership, Organisation, Role, User
from waypost.accounts.services import add_role, create_staff_user

ALREADY_EXISTS = 1
BAD_INPUT = 2
STANDARD_INPUT = "-"


class Command(BaseCommand):
    help = (
        "Create a staff user with a role at one organisation. The password comes from a prompt or --password-file, "
        "never the command line. They set up an authenticator app at their first sign-in. "
        "Exit codes: 0 done, 1 the user or role already exists, 2 bad input."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True, help="what they type to sign in")
        parser.add_argument("--email", required=True, help="their work e-mail address")
        parser.add_argument("--organisation", required=True, metavar="SLUG", help="the organisation's slug")
        parser.add_argument("--role", required=True, choices=Role.values, help="their role at that organisation")
        parser.add_argument("--password-file", metavar="PATH", help="read the password from this file ('-': stdin)")
        parser.add_argument(
            "--add-role", action="store_true", help="the user exists: give them this role too, keep their password"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username, role = options["username"].strip(), Role(options["role"])
        organisation = find_organisation(options["organisation"].strip())
        existing = User.objects.filter(username=username).first()
        if options["add_role"]:
            self.add_role_for(existing, username, organisation, role)
            return
        if existing is not None:
            raise CommandError(
                f"A staff user named {username!r} already exists. Add --add-role to give them a role at "
                f"{organisation.slug}.",
                returncode=ALREADY_EXISTS,
            )
        email = checked_email(options["email"].strip())
        check_username(username)
        password = read_password(options["password_file"], options.get("stdin") or sys.stdin, username, email)
        create_staff_user(username=username, email=email, password=password, organisation=organisation, role=role)
        self.stdout.write(
            f"Created {username}: {role.label} at {organisation.name}. "
            "They set up an authenticator app the first time they sign in at /staff/login."
        )

    def add_role_for(self, user: User | None, username: str, organisation: Organisation, role: Role) -> None:
        if user is None:
            raise CommandError(f"There is no staff user named {username!r} to add a role to.", returncode=BAD_INPUT)
        membership = Membership.objects.filter(user=user, organisation=organisation).first()
        if membership is not None:
            raise CommandError(
                f"{username} already has a role at {organisation.name}: {membership.get_role_display()}.",
                returncode=ALREADY_EXISTS,
            )
        add_role(user=user, organisation=organisation, role=role)
        self.stdout.write(f"{username} is now also {role.label} at {organisation.name}.")


def find_organisation(slug: str) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise CommandError(
            f"There is no organisation with the slug {slug!r}. Create it first with `waypost createorg`.",
            returncode=BAD_INPUT,
        )
    return organisation


def checked_email(email: str) -> str:
    try:
        validate_email(email)
    except ValidationError:
        raise CommandError(f"{email!r} is not an e-mail address.", returncode=BAD_INPUT) from None
    return email


def check_username(username: str) -> None:
    field = User._meta.get_field("username")
    try:
        field.clean(username, None)
    except ValidationError as error:
        raise CommandError(f"The username is not allowed: {' '.join(error.messages)}", returncode=BAD_INPUT) from None


def read_password(password_file: str | None, stdin: TextIO, username: str, email: str) -> str:
    password = password_from_file(password_file, stdin) if password_file else password_from_prompt(stdin)
    try:
        validate_password(password, User(username=username, email=email))
    except ValidationError as error:
        raise CommandError(f"Choose another password. {' '.join(error.messages)}", returncode=BAD_INPUT) from None
    return password


def password_from_file(password_file: str, stdin: TextIO) -> str:
    try:
        text = stdin.read() if password_file == STANDARD_INPUT else Path(password_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"Cannot read the password file {password_file}: {error}", returncode=BAD_INPUT) from None
    lines = text.splitlines()
    return lines[0] if lines else ""


def password_from_prompt(stdin: TextIO) -> str:
    if not stdin.isatty():
        raise CommandError(
            "No password: run this in a terminal to be asked for one, or give --password-file.", returncode=BAD_INPUT
        )
    password = getpass.getpass("Password: ")
    if password != getpass.getpass("Password (again): "):
        raise CommandError("The two passwords are different. Nothing was created.", returncode=BAD_INPUT)
    return password
