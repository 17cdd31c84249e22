"""Keep the translation catalogues up to date: `python scripts/messages.py make|compile|check`.

Each app carries its own catalogue in `src/waypost/<app>/locale/es/LC_MESSAGES/django.po`, so work on one app
never touches another's. `make` extracts the strings marked for translation ({% translate %}, gettext) into every
app's catalogue, `compile` writes the `.mo` files Django reads at run time (committed, so an install needs no
gettext tools), and `check` fails when a catalogue is out of date, a Spanish string is missing, or two apps give
the same English different Spanish (Django merges every app's catalogue, so one app's words would silently win
on the other's pages too: give one of them a context, or the same words).
Needs GNU gettext (`apt-get install gettext`).
"""

from __future__ import annotations

import gettext
import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "waypost"
LANGUAGE = "es"
# Generated or third-party text that is not ours to translate
IGNORED = ["static/*", "tests/*", "migrations/*", "locale/*"]


def apps(package: Path = PACKAGE) -> list[Path]:
    return sorted(path.parent for path in package.glob("*/apps.py"))


def django_command(*arguments: str, cwd: Path) -> None:
    environment = {**os.environ, "WAYPOST_DATA_DIR": os.environ.get("WAYPOST_DATA_DIR", tempfile.mkdtemp())}
    # The console script, not `python -m`, which would put the app's folder first on sys.path (triage/queue.py)
    waypost = Path(sys.executable).parent / "waypost"
    subprocess.run([str(waypost), "manage", *arguments], cwd=cwd, env=environment, check=True)


def make(package: Path = PACKAGE) -> None:
    for app in apps(package):
        (app / "locale").mkdir(exist_ok=True)
        ignores = [argument for pattern in IGNORED for argument in ("--ignore", pattern)]
        django_command("makemessages", "--locale", LANGUAGE, "--no-location", "--no-obsolete", *ignores, cwd=app)
        catalogue = app / "locale" / LANGUAGE / "LC_MESSAGES" / "django.po"
        if not catalogue.exists() or not has_messages(catalogue):
            shutil.rmtree(app / "locale")


def has_messages(catalogue: Path) -> bool:
    return bool(message_ids(catalogue.read_text()))


def message_ids(text: str) -> list[str]:
    # The header is an entry with an empty msgid; any other msgid is a string to translate
    return [line for line in text.splitlines() if line.startswith("msgid ") and line != 'msgid ""']


def compile_catalogues(package: Path = PACKAGE) -> None:
    if not any(package.glob(f"*/locale/{LANGUAGE}/LC_MESSAGES/django.po")):
        return
    django_command("compilemessages", "--locale", LANGUAGE, cwd=package)


def untranslated(catalogue: Path) -> str:
    # A fuzzy entry is a guess gettext made when the English changed: Django does not show it, so it counts as missing
    return "".join(
        subprocess.run(
            ["msgattrib", selection, "--no-obsolete", str(catalogue)], capture_output=True, text=True, check=True
        ).stdout
        for selection in ("--untranslated", "--only-fuzzy")
    )


def without_dates(catalogue: Path) -> list[str]:
    # makemessages stamps the time it ran; that alone does not make a catalogue out of date
    return [line for line in catalogue.read_text().splitlines() if not line.startswith('"POT-Creation-Date')]


def translations_in(catalogue: Path) -> dict[str, str]:
    """Every translated message of a catalogue, keyed as Django looks it up ("context\x04English" with a context)."""
    with tempfile.TemporaryDirectory() as scratch:
        compiled = Path(scratch) / "django.mo"
        subprocess.run(["msgfmt", "--output-file", str(compiled), str(catalogue)], check=True)
        with compiled.open("rb") as file:
            # The standard library's reader keeps the messages in _catalog and offers no public way to list them
            messages: dict[object, str] = gettext.GNUTranslations(file)._catalog  # type: ignore[attr-defined]
    return {str(key): spanish for key, spanish in messages.items() if key != ""}


def conflicting_translations(package: Path = PACKAGE) -> list[str]:
    """Each English message that two apps translate differently, with each app's Spanish."""
    spanish_by_app: dict[str, dict[str, str]] = defaultdict(dict)
    for catalogue in sorted(package.glob(f"*/locale/{LANGUAGE}/LC_MESSAGES/django.po")):
        app = catalogue.parents[3].name
        for english, spanish in translations_in(catalogue).items():
            spanish_by_app[english][app] = spanish
    return [
        f"{english!r}: " + "; ".join(f"{app} {spanish!r}" for app, spanish in sorted(by_app.items()))
        for english, by_app in sorted(spanish_by_app.items())
        if len(set(by_app.values())) > 1
    ]


def check() -> int:
    problems: list[str] = [
        f"the same English, different Spanish in two apps (give one a context, or the same words): {conflict}"
        for conflict in conflicting_translations()
    ]
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "waypost"
        shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
        make(copy)
        for app in apps(copy):
            fresh = app / "locale" / LANGUAGE / "LC_MESSAGES" / "django.po"
            committed = PACKAGE / app.name / "locale" / LANGUAGE / "LC_MESSAGES" / "django.po"
            if not fresh.exists():
                continue
            if not committed.exists() or without_dates(fresh) != without_dates(committed):
                problems.append(f"{app.name}: catalogue out of date; run `python scripts/messages.py make`")
            missing = untranslated(fresh)
            if message_ids(missing):
                problems.append(f"{app.name}: strings without a Spanish translation:\n{missing}")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "make":
        make()
        compile_catalogues()
        return 0
    if command == "compile":
        compile_catalogues()
        return 0
    if command == "check":
        return check()
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
