from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from waypost.core.encryption import EncryptedTextField

BATCH_SIZE = 500


class Command(BaseCommand):
    help = "Re-encrypt every encrypted value under the first key in WAYPOST_ENCRYPTION_KEYS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        for model in apps.get_models():
            fields = [field.name for field in model._meta.get_fields() if isinstance(field, EncryptedTextField)]
            if fields:
                count = reencrypt_model(model, fields, options["batch_size"])
                self.stdout.write(f"{model._meta.label}: re-encrypted {count} rows")
                total += count
        self.stdout.write(f"Done: {total} rows now use the first key.")


def reencrypt_model(model: Any, fields: list[str], batch_size: int) -> int:
    """Reading decrypts with any key; saving encrypts with the first, one batch per transaction."""
    count = 0
    last_pk: Any = None
    while True:
        queryset = model.objects.order_by("pk")
        if last_pk is not None:
            queryset = queryset.filter(pk__gt=last_pk)
        with transaction.atomic():
            rows = list(queryset.select_for_update()[:batch_size])
            for row in rows:
                row.save(update_fields=fields)
        if not rows:
            return count
        count += len(rows)
        last_pk = rows[-1].pk
