"""Sustained POST /api/referrals on SQLite and PostgreSQL under the production server, against a bare view.

Run: `python -m benchmarks.intake` (needs wrk and the local PostgreSQL). Target: at least 300 submissions/s on
PostgreSQL. Each request carries a new Idempotency-Key, so every one stores a request and two outbox messages.

"many people" is the target's case: each request comes from its own address (X-Forwarded-For, as behind a
proxy) under the default hourly limit. "one client" lifts the limit and sends everything from one address: its
requests queue for that client's rate-limit counter, which is what a flood from one address should meet.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from benchmarks.harness import (
    BARE_PATH,
    Measurement,
    measure,
    print_table,
    production_server,
    temporary_postgres_database,
)

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
ENVIRONMENT = {"WAYPOST_TEAM_ALERT_EMAIL": "team@example.org", "WAYPOST_TRUST_X_FORWARDED_FOR": "true"}
ONE_CLIENT_ENVIRONMENT = {**ENVIRONMENT, "WAYPOST_CONTACT_RATE_LIMIT_PER_HOUR": "100000000"}


@dataclass(frozen=True)
class Scripts:
    many_people: Path
    one_client: Path


def wrk_script(path: Path, *, from_many_addresses: bool) -> Path:
    """A wrk Lua script posting the body with a fresh Idempotency-Key (and, if asked, address) each time."""
    body = json.dumps(json.dumps(BODY))
    forwarded_for = (
        ", ['X-Forwarded-For'] = string.format('10.%d.%d.%d', math.random(0, 255), math.random(0, 255), "
        "math.random(1, 254))"
        if from_many_addresses
        else ""
    )
    path.write_text(
        "local counter = 0\n"
        "math.randomseed(os.time() + math.random(1, 100000))\n"
        "request = function()\n"
        "  counter = counter + 1\n"
        "  local key = string.format('%d-%d', math.random(1, 2000000000), counter)\n"
        f"  return wrk.format('POST', '/api/referrals', {{['Content-Type'] = 'application/json', "
        f"['Idempotency-Key'] = key{forwarded_for}}}, {body})\n"
        "end\n"
    )
    return path


def run(label: str, database_url: str | None, scripts: Scripts) -> None:
    with production_server(database_url, ENVIRONMENT) as (base_url, _environment):
        baseline = measure(base_url, BARE_PATH)
        many_people = measure(base_url, "/api/referrals", script=scripts.many_people)
    with production_server(database_url, ONE_CLIENT_ENVIRONMENT) as (base_url, _environment):
        one_client = measure(base_url, "/api/referrals", script=scripts.one_client)
    rows = [baseline, labelled(many_people, "many people"), labelled(one_client, "one client")]
    print_table(f"POST /api/referrals on {label}, gunicorn 2 workers x 4 threads, wrk 2x16 connections", rows, baseline)


def labelled(measurement: Measurement, label: str) -> Measurement:
    return replace(measurement, path=f"{measurement.path} ({label})")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        scripts = Scripts(
            many_people=wrk_script(Path(folder) / "many-people.lua", from_many_addresses=True),
            one_client=wrk_script(Path(folder) / "one-client.lua", from_many_addresses=False),
        )
        run("SQLite", None, scripts)
        with temporary_postgres_database("waypost_bench_intake", POSTGRES_ADMIN_URL) as database_url:
            run("PostgreSQL", database_url, scripts)


if __name__ == "__main__":
    main()
