from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load each app's demo data (its demo.load() function), for `waypost demo` only."

    def handle(self, *args: Any, **options: Any) -> None:
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if find_spec(module_name) is None:
                continue
            summary = import_module(module_name).load()
            self.stdout.write(f"{app_config.verbose_name}: {summary}")
