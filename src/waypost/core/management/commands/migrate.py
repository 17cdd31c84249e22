from __future__ import annotations

from typing import Any

from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import connections

from waypost.core.renamed_apps import carry_over_renamed_apps


class Command(DjangoMigrate):
    help = DjangoMigrate.help + " Databases from before an app was renamed are carried over to its new name first."

    def handle(self, *args: Any, **options: Any) -> None:
        renamed = carry_over_renamed_apps(connections[options["database"]])
        if renamed and options["verbosity"] >= 1:
            self.stdout.write(f"Carried over renamed apps: {', '.join(renamed)}")
        super().handle(*args, **options)
