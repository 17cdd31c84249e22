"""Run in a child process on the database named by DATABASE_URL, so a test can drive a real `waypost worker`.

`python -m tests.notifications.outbox_script seed N` migrates and queues N confirmation e-mails;
`python -m tests.notifications.outbox_script snapshot` prints every row's delivery state as JSON (nothing decrypted).
"""

from __future__ import annotations

import json
import os
import sys

import django


def seed(count: int) -> None:
    from django.core.management import call_command

    from tests.notifications.builders import queue_confirmations

    call_command("migrate", verbosity=0)
    queue_confirmations(count)


def snapshot() -> None:
    from waypost.notifications.models import OutboundMessage

    fields = ("delivery_key", "status", "attempts", "provider_id")
    rows = OutboundMessage.objects.order_by("pk").values(*fields)
    print(json.dumps([{field: str(row[field]) for field in fields} for row in rows]))


def main(arguments: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waypost.config.settings")
    django.setup()
    if arguments[:1] == ["seed"]:
        seed(int(arguments[1]))
    elif arguments == ["snapshot"]:
        snapshot()
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
