"""Sustained POST /api/referrals on SQLite and PostgreSQL under the production server, against a bare view.

Run: `python -m benchmarks.intake` (needs wrk and the local PostgreSQL). Target: at least 300 submissions/s on
PostgreSQL. Each request carries a new Idempotency-Key, so every one stores a request and two outbox messages.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from benchmarks.harness import BARE_PATH, measure, print_table, production_server, temporary_postgres_database

POSTGRES_ADMIN_URL = os.environ.get("WAYPOST_BENCHMARK_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
BODY = {
    "for_whom": "self",
    "contact_methods": ["text", "email"],
    "phone": "+447911123456",
    "email": "sam@example.com",
    "best_times": ["any-time"],
    "help_with": "I would like to talk about cutting down.",
    "consent": True,
}
ENVIRONMENT = {"WAYPOST_CONTACT_RATE_LIMIT_PER_HOUR": "100000000", "WAYPOST_TEAM_ALERT_EMAIL": "team@example.org"}


def wrk_script(folder: Path) -> Path:
    """A wrk Lua script posting the body with a fresh Idempotency-Key each time."""
    script = folder / "intake.lua"
    body = json.dumps(json.dumps(BODY))
    script.write_text(
        "local counter = 0\n"
        "math.randomseed(os.time() + math.random(1, 100000))\n"
        "request = function()\n"
        "  counter = counter + 1\n"
        "  local key = string.format('%d-%d', math.random(1, 2000000000), counter)\n"
        f"  return wrk.format('POST', '/api/referrals', {{['Content-Type'] = 'application/json', "
        f"['Idempotency-Key'] = key}}, {body})\n"
        "end\n"
    )
    return script


def run(label: str, database_url: str | None, script: Path) -> None:
    with production_server(database_url, ENVIRONMENT) as (base_url, _environment):
        baseline = measure(base_url, BARE_PATH)
        rows = [baseline, measure(base_url, "/api/referrals", script=script)]
    print_table(f"POST /api/referrals on {label}, gunicorn 2 workers x 4 threads, wrk 2x16 connections", rows, baseline)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        script = wrk_script(Path(folder))
        run("SQLite", None, script)
        with temporary_postgres_database("waypost_bench_intake", POSTGRES_ADMIN_URL) as database_url:
            run("PostgreSQL", database_url, script)


if __name__ == "__main__":
    main()
