from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from waypost.directory.hsds.importing.problems import MalformedFile
from waypost.directory.hsds.importing.reading import FORMATS, ImportFile
from waypost.directory.hsds.importing.runner import import_file


class Command(BaseCommand):
    help = (
        "Import services: --format hsds PATH (a folder with datapackage.json and CSV files, or an HSDS JSON file) "
        "or --format samhsa-locator FILE (the US treatment locator's JSON export). Re-importing is safe: services "
        "are matched by source and id. Exit status 2 if the file cannot be read."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--format", choices=FORMATS, required=True)
        parser.add_argument("--source", help="name for this data source (default: from the file)")
        parser.add_argument(
            "--verified-on", type=date.fromisoformat, help="locator only: the date the export was taken, YYYY-MM-DD"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        spec = ImportFile(options["format"], options["path"], options["source"], options["verified_on"])
        try:
            summary = import_file(spec)
        except MalformedFile as problem:
            raise CommandError(f"cannot import {options['path']}: {problem}", returncode=2) from None
        for line in summary.lines():
            self.stdout.write(line)
