"""`waypost createorg` and `waypost createstaff`: what they create, and their errors and exit codes."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.servers import clean_environment, waypost_command
from waypost.accounts.models import AuthenticatorApp, Membership, Organisation, OrganisationKind, Role, User
from waypost.accounts.two_factor import recovery_codes_left, replace_recovery_codes

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "a long passphrase nobody guesses"


class TerminalInput(io.StringIO):
    def isatty(self) -> bool:
        return True


def create_org(*arguments: str) -> str:
    output = io.StringIO()
    call_command("createorg", *arguments, stdout=output)
    return output.getvalue()


def create_staff(*arguments: str, stdin: io.StringIO | None = None) -> str:
    output = io.StringIO()
    call_command("createstaff", *arguments, stdout=output, stdin=stdin or io.StringIO())
    return output.getvalue()


def refusal(command: str, *arguments: str, **options: object) -> CommandError:
    with pytest.raises(CommandError) as raised:
        call_command(command, *arguments, stdout=io.StringIO(), **options)
    return raised.value


@pytest.fixture
def password_file(tmp_path: Path) -> str:
    path = tmp_path / "password"
    path.write_text(GOOD_PASSWORD + "\n")
    return str(path)


def staff_arguments(password_file: str, *, username: str = "sam", organisation: str = "organisation-a") -> list[str]:
    return [
        f"--username={username}",
        "--email=sam@example.org",
        f"--organisation={organisation}",
        "--role=clinician",
        f"--password-file={password_file}",
    ]


def test_createorg_creates_an_organisation_that_receives_public_requests() -> None:
    output = create_org(
        "north-team", "--name=North referral team", "--kind=referral-service", "--receives-public-requests"
    )

    organisation = Organisation.objects.get(slug="north-team")
    assert (organisation.name, organisation.kind) == ("North referral team", OrganisationKind.REFERRAL_SERVICE)
    assert organisation.receives_public_requests is True
    assert output == "Created North referral team (north-team); it receives contact requests from the public.\n"


def test_createorg_does_not_route_public_requests_unless_asked() -> None:
    create_org("clinic", "--name=Clinic", "--kind=treatment-provider")

    assert Organisation.objects.get(slug="clinic").receives_public_requests is False


def test_createorg_refuses_a_slug_in_use(organisation_a: Organisation) -> None:
    error = refusal("createorg", "organisation-a", "--name=Again", "--kind=referral-service")

    assert error.returncode == 1
    assert str(error) == "An organisation with the slug 'organisation-a' already exists."


@pytest.mark.parametrize(
    ("slug", "name", "message"),
    [
        ("has spaces", "Name", "'has spaces' is not a slug"),
        ("x" * 61, "Name", "The slug must be 60 characters or fewer."),
        ("ok", "  ", "Give the organisation a name of 1 to 200 characters."),
    ],
)
def test_createorg_refuses_bad_input(slug: str, name: str, message: str) -> None:
    error = refusal("createorg", slug, f"--name={name}", "--kind=referral-service")

    assert error.returncode == 2
    assert str(error).startswith(message)
    assert Organisation.objects.count() == 0


def test_createorg_refuses_an_unknown_kind() -> None:
    error = refusal("createorg", "north", "--name=North", "--kind=hospital")

    assert "invalid choice: 'hospital'" in str(error)


def test_createstaff_creates_a_user_with_a_role_and_no_app_yet(
    organisation_a: Organisation, password_file: str
) -> None:
    output = create_staff(*staff_arguments(password_file))

    user = User.objects.get(username="sam")
    assert user.check_password(GOOD_PASSWORD)
    assert user.email == "sam@example.org"
    assert Membership.objects.get(user=user).role == Role.CLINICIAN
    assert not AuthenticatorApp.objects.filter(user=user).exists()
    assert output.startswith("Created sam: Clinician at Organisation A.")


def test_createstaff_asks_for_the_password_twice_in_a_terminal(
    organisation_a: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter([GOOD_PASSWORD, GOOD_PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))

    create_staff(
        "--username=sam",
        "--email=sam@example.org",
        "--organisation=organisation-a",
        "--role=admissions",
        stdin=TerminalInput(),
    )

    assert User.objects.get(username="sam").check_password(GOOD_PASSWORD)


def test_createstaff_refuses_two_different_passwords(
    organisation_a: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter([GOOD_PASSWORD, GOOD_PASSWORD + "!"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))

    error = refusal(
        "createstaff",
        "--username=sam",
        "--email=sam@example.org",
        "--organisation=organisation-a",
        "--role=admissions",
        stdin=TerminalInput(),
    )

    assert error.returncode == 2
    assert str(error) == "The two passwords are different. Nothing was created."
    assert not User.objects.exists()


def test_createstaff_without_a_terminal_needs_a_password_file(organisation_a: Organisation) -> None:
    error = refusal(
        "createstaff",
        "--username=sam",
        "--email=sam@example.org",
        "--organisation=organisation-a",
        "--role=admissions",
        stdin=io.StringIO(),
    )

    assert error.returncode == 2
    assert "give --password-file" in str(error)


def test_createstaff_reads_the_password_from_standard_input(organisation_a: Organisation) -> None:
    create_staff(*staff_arguments("-"), stdin=io.StringIO(GOOD_PASSWORD + "\n"))

    assert User.objects.get(username="sam").check_password(GOOD_PASSWORD)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short one", "This password is too short. It must contain at least 12 characters."),
        ("password1234", "This password is too common."),
        ("", "This password is too short."),
    ],
)
def test_createstaff_refuses_weak_passwords(
    organisation_a: Organisation, tmp_path: Path, password: str, message: str
) -> None:
    path = tmp_path / "password"
    path.write_text(password)

    error = refusal("createstaff", *staff_arguments(str(path)))

    assert error.returncode == 2
    assert message in str(error)
    assert not User.objects.exists()


def test_long_passwords_of_any_characters_are_fine(organisation_a: Organisation, tmp_path: Path) -> None:
    path = tmp_path / "password"
    path.write_text("correct horse battery staple " * 4)

    create_staff(*staff_arguments(str(path)))

    assert User.objects.filter(username="sam").exists()


@pytest.mark.parametrize(
    ("changed", "message"),
    [
        ("--organisation=nowhere", "There is no organisation with the slug 'nowhere'."),
        ("--email=not-an-address", "'not-an-address' is not an e-mail address."),
        ("--username=has space", "The username is not allowed"),
        ("--password-file=/no/such/file", "Cannot read the password file /no/such/file"),
    ],
)
def test_createstaff_refuses_bad_input(
    organisation_a: Organisation, password_file: str, changed: str, message: str
) -> None:
    arguments = [
        argument for argument in staff_arguments(password_file) if argument.split("=")[0] != changed.split("=")[0]
    ]

    error = refusal("createstaff", *arguments, changed)

    assert error.returncode == 2
    assert str(error).startswith(message)
    assert not User.objects.exists()


def test_createstaff_refuses_an_existing_username(triage_worker_a: User, password_file: str) -> None:
    error = refusal("createstaff", *staff_arguments(password_file, username="triage-worker-a"))

    assert error.returncode == 1
    assert "Add --add-role" in str(error)


def test_add_role_gives_an_existing_user_a_role_at_another_organisation(
    triage_worker_a: User, organisation_b: Organisation
) -> None:
    old_password = triage_worker_a.password

    output = create_staff(
        "--username=triage-worker-a",
        "--email=x@example.org",
        "--organisation=organisation-b",
        "--role=supervisor",
        "--add-role",
    )

    assert Membership.objects.get(user=triage_worker_a, organisation=organisation_b).role == Role.SUPERVISOR
    assert User.objects.get(pk=triage_worker_a.pk).password == old_password
    assert output == "triage-worker-a is now also Supervisor at Organisation B.\n"


def test_add_role_refuses_a_second_role_at_the_same_organisation(triage_worker_a: User) -> None:
    error = refusal(
        "createstaff",
        "--username=triage-worker-a",
        "--email=x@example.org",
        "--organisation=organisation-a",
        "--role=supervisor",
        "--add-role",
    )

    assert error.returncode == 1
    assert str(error) == "triage-worker-a already has a role at Organisation A: Admissions."


def test_add_role_needs_an_existing_user(organisation_a: Organisation) -> None:
    error = refusal(
        "createstaff",
        "--username=nobody",
        "--email=x@example.org",
        "--organisation=organisation-a",
        "--role=supervisor",
        "--add-role",
    )

    assert error.returncode == 2
    assert str(error) == "There is no staff user named 'nobody' to add a role to."
    assert not Membership.objects.exists()


def test_waypost_commands_exit_with_their_codes_in_a_real_process(tmp_path: Path) -> None:
    environment = {"WAYPOST_DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'set-up.sqlite3'}"}

    def waypost(*arguments: str, password: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*waypost_command(), *arguments],
            cwd=tmp_path,
            env=clean_environment(environment),
            input=password,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    assert waypost("manage", "migrate", "--verbosity=0").returncode == 0
    organisation = ["north", "--name=North", "--kind=referral-service"]
    staff = ["--username=sam", "--email=sam@example.org", "--organisation=north", "--role=admissions"]
    created_org, again, bad_slug = (
        waypost("createorg", *organisation),
        waypost("createorg", *organisation),
        waypost("createorg", "no spaces", "--name=X", "--kind=referral-service"),
    )
    no_password = waypost("createstaff", *staff)
    created_staff = waypost("createstaff", *staff, "--password-file=-", password=GOOD_PASSWORD + "\n")

    assert (created_org.returncode, again.returncode, bad_slug.returncode) == (0, 1, 2)
    assert again.stderr.strip() == "CommandError: An organisation with the slug 'north' already exists."
    assert (no_password.returncode, created_staff.returncode) == (2, 0)
    assert "give --password-file" in no_password.stderr
    assert created_staff.stdout.startswith("Created sam: Admissions at North.")


def test_reset_two_factor_removes_the_app_and_codes_and_signs_out(triage_worker_a: User) -> None:
    replace_recovery_codes(user=triage_worker_a)

    output = io.StringIO()
    call_command("reset_two_factor", "triage-worker-a", stdout=output)

    assert not AuthenticatorApp.objects.filter(user=triage_worker_a).exists()
    assert recovery_codes_left(triage_worker_a) == 0
    assert User.objects.get(pk=triage_worker_a.pk).session_generation == 1
    assert output.getvalue().startswith("Removed triage-worker-a's authenticator app")


def test_reset_two_factor_names_an_unknown_user() -> None:
    error = refusal("reset_two_factor", "nobody")

    assert error.returncode == 2
    assert str(error) == "There is no staff user named 'nobody'."
