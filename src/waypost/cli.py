"""The `waypost` command: demo, serve, worker, backup, restore, manage, and each management command by its name."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from waypost.config.data_folder import data_folder, data_folder_path, is_disk_full
from waypost.config.environment import env_int
from waypost.monitoring.metrics_folder import prepare_metrics_folder

DEMO_DATABASE_FILE_NAME = "waypost.sqlite3"
WILDCARD_HOSTS = ("0.0.0.0", "::")  # noqa: S104 - only used to recognise them


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run_command(list(sys.argv[1:] if argv is None else argv))
    except Exception as error:
        if not is_disk_full(error):
            raise
        # A full disk is an operator's problem to fix, not a bug: say which disk, once, without a traceback
        folder = data_folder_path()
        print(
            f"waypost: the disk holding WAYPOST_DATA_DIR is full ({folder}); free some space, then start again",
            file=sys.stderr,
        )
        return 2


def run_command(arguments: list[str]) -> int:
    if arguments[:1] == ["score"]:
        return run_score(arguments[1:])
    if arguments and not arguments[0].startswith("-") and arguments[0] not in BUILT_IN_COMMANDS:
        # Any other word is a management command: `waypost rotate-keys` runs `rotate_keys`
        return run_management_command([arguments[0].replace("-", "_"), *arguments[1:]])
    try:
        options = build_parser(default_workers=env_int("WAYPOST_WORKERS", 2, minimum=1)).parse_args(arguments)
        return int(options.handler(options))
    except ImproperlyConfigured as error:
        print(f"waypost: configuration error: {error}", file=sys.stderr)
        return 2


def at_least_one(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is too small; the lowest allowed value is 1")
    return value


def build_parser(*, default_workers: int = 2) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="waypost", description="Waypost: private help with ketamine use.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = commands.add_parser("demo", help="run the demo on an SQLite database in the data folder")
    add_server_arguments(demo)
    demo.set_defaults(handler=run_demo)

    serve = commands.add_parser("serve", help="serve with settings from the environment")
    add_server_arguments(serve)
    serve.add_argument(
        "--workers", type=at_least_one, default=default_workers, help="web server processes (default WAYPOST_WORKERS)"
    )
    serve.set_defaults(handler=run_serve)

    stream = commands.add_parser("stream", help="answer open chats' event streams, behind the proxy (ADR 0039)")
    add_server_arguments(stream)
    stream.set_defaults(handler=run_stream)

    worker = commands.add_parser("worker", help="deliver queued e-mail and SMS, retrying with back-off")
    worker.add_argument("--once", action="store_true", help="deliver what is due now, then exit (for cron)")
    worker.add_argument("--batch-size", type=int, default=20, help="messages claimed at a time (default 20)")
    worker.add_argument("--poll-seconds", type=float, default=5.0, help="wait when nothing is due (default 5)")
    worker.set_defaults(handler=run_worker)

    add_backup_commands(commands)

    manage = commands.add_parser("manage", help="run any django-admin command, e.g. `waypost manage migrate`")
    manage.add_argument("arguments", nargs=argparse.REMAINDER)
    manage.set_defaults(handler=lambda options: run_management_command(options.arguments))

    score = commands.add_parser("score", help="score a FHIR QuestionnaireResponse: score ID RESPONSE", add_help=False)
    score.add_argument("arguments", nargs=argparse.REMAINDER)
    score.set_defaults(handler=lambda options: run_score(options.arguments))
    return parser


BUILT_IN_COMMANDS = ("demo", "serve", "stream", "worker", "backup", "backup-keys", "restore", "manage", "score")


def add_backup_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = commands.add_parser("backup", help="back up the database to a new folder, without the keys unless asked")
    backup.add_argument("path", type=Path, metavar="PATH", help="a new or empty folder for the backup")
    backup.add_argument(
        "--with-keys", action="store_true", help="also copy the encryption keys (anyone with the backup can read it)"
    )
    backup.set_defaults(handler=run_backup)

    backup_keys = commands.add_parser("backup-keys", help="copy the encryption keys alone to a new folder")
    backup_keys.add_argument("path", type=Path, metavar="PATH", help="a new or empty folder for the keys")
    backup_keys.set_defaults(handler=run_backup_keys)

    restore = commands.add_parser("restore", help="restore a backup folder into the database in use")
    restore.add_argument("path", type=Path, metavar="PATH", help="the folder `waypost backup` wrote")
    restore.add_argument("--keys", type=Path, metavar="KEYS", help="the folder `waypost backup-keys` wrote")
    restore.add_argument("--force", action="store_true", help="replace a database that is not empty")
    restore.set_defaults(handler=run_restore)


def run_score(arguments: list[str]) -> int:
    # Scoring is pure Python: no settings, no database, so it works anywhere the package is installed
    from waypost.instruments.cli import score_main

    return score_main(arguments, sys.stdin, sys.stdout, sys.stderr)


def add_server_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waypost.config.settings")
    import django

    django.setup()


def run_management_command(arguments: Sequence[str]) -> int:
    from django.core.management import execute_from_command_line

    try:
        setup_django()
    except ImproperlyConfigured as error:
        print(f"waypost: configuration error: {error}", file=sys.stderr)
        return 2
    execute_from_command_line(["waypost manage", *arguments])
    return 0


def prepare_demo_environment(host: str, port: int) -> None:
    """The demo always runs on SQLite in the data folder, over plain HTTP on the chosen address."""
    folder = data_folder()
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / DEMO_DATABASE_FILE_NAME}"
    os.environ["WAYPOST_HTTPS"] = "false"
    # No secret key set: the settings keep one in the data folder, as they do for `waypost serve`
    hosts = "*" if host in WILDCARD_HOSTS else f"{host},127.0.0.1,localhost"
    os.environ.setdefault("WAYPOST_ALLOWED_HOSTS", hosts)
    # The demo's messages are written as files in the data folder (see .env.example), so none leaves the machine
    os.environ.setdefault("WAYPOST_TEAM_ALERT_EMAIL", "team@demo.invalid")
    # Both regions, each under its own address (/uk/…, /us/…), so anyone can try either (docs/adr/0042)
    os.environ.setdefault("WAYPOST_REGIONS", "uk,us")
    # And both languages, Spanish under /es/… and /us/es/… (docs/adr/0043)
    os.environ.setdefault("WAYPOST_LANGUAGES", "en,es")
    # Chat is open around the clock in the demo, so it can be tried at any hour (ADR 0039)
    os.environ.setdefault("WAYPOST_CHAT_HOURS", "always")
    # Links in the demo's messages open the demo itself
    os.environ.setdefault("WAYPOST_BASE_URL", f"http://{url_host(display_host(host))}:{port}")


def run_demo(options: argparse.Namespace) -> int:
    from django.core.management import call_command

    from waypost.core.static_collection import collect_static_files_when_changed

    prepare_demo_environment(options.host, options.port)
    prepare_metrics_folder(port=options.port)
    setup_django()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo_data")
    call_command("build_urgent_fallback")
    collect_static_files_when_changed()
    print(
        f"\nWaypost demo: open http://{display_host(options.host)}:{options.port}/ (Ctrl+C stops it)\n",
        flush=True,
    )
    # The demo also delivers its messages, as files in the data folder's outbox
    worker = subprocess.Popen([sys.executable, "-m", "waypost", "worker"])
    try:
        return start_server(options.host, options.port, workers=2)
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def run_serve(options: argparse.Namespace) -> int:
    from django.core.management import call_command

    from waypost.core.static_collection import collect_static_files_when_changed

    prepare_metrics_folder(port=options.port)
    setup_django()
    call_command("check", deploy=False)
    # Before gunicorn forks its workers, so two never collect into the same folder at once
    collect_static_files_when_changed()
    print(f"Waypost serving on http://{display_host(options.host)}:{options.port}/", flush=True)
    return start_server(options.host, options.port, workers=options.workers)


def run_stream(options: argparse.Namespace) -> int:
    setup_django()
    from waypost.conversations.stream_server import serve_streams

    return serve_streams(host=options.host, port=options.port)


def run_worker(options: argparse.Namespace) -> int:
    setup_django()
    from waypost.notifications.worker import run_worker_command

    return run_worker_command(once=options.once, batch_size=options.batch_size, poll_seconds=options.poll_seconds)


def run_backup(options: argparse.Namespace) -> int:
    from waypost.backups.commands import back_up

    return refusing_with_one_line(lambda: back_up(options.path, with_keys=options.with_keys, say=print))


def run_backup_keys(options: argparse.Namespace) -> int:
    from waypost.backups.commands import back_up_keys

    return refusing_with_one_line(lambda: back_up_keys(options.path, say=print))


def run_restore(options: argparse.Namespace) -> int:
    from waypost.backups.commands import checked_backup, place_restored_keys, restore

    def restore_checked_backup() -> int:
        folder, manifest, database = checked_backup(options.path)
        # The keys go in first: without them the settings would make new ones, which open nothing in the backup
        place_restored_keys(folder, options.keys, print)
        setup_django()
        return restore(folder, manifest, database, force=options.force, say=print)

    return refusing_with_one_line(restore_checked_backup, needs_django_first=False)


def refusing_with_one_line(action: Callable[[], int], *, needs_django_first: bool = True) -> int:
    from waypost.backups.errors import BackupError

    try:
        if needs_django_first:
            setup_django()
        return action()
    except BackupError as error:
        print(f"waypost: {error}", file=sys.stderr)
        return 2


def display_host(host: str) -> str:
    return "127.0.0.1" if host in WILDCARD_HOSTS else host


def url_host(host: str) -> str:
    # An IPv6 address is written in brackets inside a web address
    return f"[{host}]" if ":" in host else host


def start_server(host: str, port: int, *, workers: int) -> int:
    from waypost.server import AddressUnavailable, serve

    try:
        serve(host=host, port=port, workers=workers)
    except AddressUnavailable as error:
        print(f"waypost: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
