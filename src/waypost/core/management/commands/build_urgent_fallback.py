from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from waypost.core.fallback import regional_fallback_name, write_urgent_fallback
from waypost.core.helplines import Region
from waypost.core.regions import served_languages, served_regions


class Command(BaseCommand):
    help = "Write the urgent-help page as one self-contained HTML file for a reverse proxy to fall back to."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, default=settings.DATA_DIR / "fallback", help="folder to write into")
        parser.add_argument("--region", choices=[region.value for region in Region], default=settings.WAYPOST_REGION)

    def handle(self, *args: Any, **options: Any) -> None:
        default = Region(options["region"])
        for language in served_languages():
            # The bare address (/urgent, /es/urgent) is the default region's page
            self.write(options["output"], default, regional_fallback_name(None, language), language)
            # One page per region served, for the addresses that name their region (/us/urgent, /us/es/urgent)
            for region in served_regions():
                self.write(options["output"], region, regional_fallback_name(region, language), language)

    def write(self, folder: Path, region: Region, file_name: str, language: str) -> None:
        path = write_urgent_fallback(folder, region, file_name=file_name, language=language)
        self.stdout.write(f"Wrote {path}")
