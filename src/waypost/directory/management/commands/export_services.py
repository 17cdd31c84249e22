from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from waypost.directory.hsds.exporting import export_json, export_tables


class Command(BaseCommand):
    help = (
        "Export every service as HSDS 3.0: PATH ending in .json writes the JSON form; any other PATH is a folder "
        "for a tabular data package (datapackage.json and CSV files). `waypost import-services` reads both back."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--format", choices=("hsds",), default="hsds")
        parser.add_argument("--name", default="waypost-directory", help="the data package's name")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        count = export_json(path) if path.suffix == ".json" else export_tables(path, package_name=options["name"])
        self.stdout.write(f"Exported {count} services to {path}")
