"""Print, as JSON, what the database holds after a fault run: each contact request's reference and the marker the
harness put in it, and each outbox row's delivery key and state. Run by the harness under the run's own settings
(`python -m benchmarks.faults.inspect_database`), because decrypting the marker needs the run's keys."""

from __future__ import annotations

import json
import sys

import django


def contents() -> dict[str, list[dict[str, str]]]:
    from waypost.intake.models import ContactRequest
    from waypost.notifications.models import OutboundMessage

    requests = [
        {"reference": row.reference, "marker": row.help_with or ""}
        for row in ContactRequest.objects.only("reference", "help_with").iterator()
    ]
    messages = [
        {"delivery_key": str(row["delivery_key"]), "status": str(row["status"]), "reference": str(row["reference"])}
        for row in OutboundMessage.objects.values("delivery_key", "status", "reference").iterator()
    ]
    return {"requests": requests, "messages": messages}


if __name__ == "__main__":
    django.setup()
    json.dump(contents(), sys.stdout)
