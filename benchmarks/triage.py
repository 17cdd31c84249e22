"""The staff console with 100,000 open requests across 50 organisations on PostgreSQL, against a bare view.

Run: `python -m benchmarks.triage` (needs wrk and the local PostgreSQL). WAYPOST_BENCHMARK_DATABASE names the
throwaway database (default waypost_bench_triage), so two people on one machine do not drop each other's.
Three pages: the queue, one request's page, and a search for a reference. Target (ADR 0031): each p95 <= 50 ms
one at a time, and under load at least 0.2 of the bare view's requests per second in the same run.
Reports each one at a time in-process (p50, p95) and under load (wrk: requests/s, p50, p99, ratio to bare).
"""

from __future__ import annotations

import os
import statistics
import time

from benchmarks.harness import (
    BARE_PATH,
    SERVER_WORKERS,
    measure,
    migrated_postgres,
    percentile,
    print_table,
    sequential_times,
    server_running,
)

POSTGRES_ADMIN_URL = os.environ.get("WAYPOST_BENCHMARK_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
ORGANISATIONS = 50
REQUESTS = 100_000
SEQUENTIAL_SAMPLES = 200
DATABASE_NAME = os.environ.get("WAYPOST_BENCHMARK_DATABASE", "waypost_bench_triage")
# A request at the benchmark worker's organisation (the first: every 50th reference)
REFERENCE = "B00050000"
# The least any console page costs (the session and every sign-in check, then "ok"): the floor under the three
SIGNED_IN_BARE_PATH = "/_benchmark/signed-in-bare"
PAGES = {
    "signed-in bare view": SIGNED_IN_BARE_PATH,
    "queue": "/staff/",
    "request page": f"/staff/requests/{REFERENCE}",
    "reference search": f"/staff/?q={REFERENCE}",
}


def seed(*, now_minutes_ago: int = 600) -> None:
    """Organisations, one signed-in-able worker at the first, and open requests spread across all of them."""
    import datetime

    from django.utils import timezone

    from waypost.accounts.models import AuthenticatorApp, Membership, Organisation, Role, User
    from waypost.intake.models import ContactRequest

    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Benchmark service {number}", slug=f"benchmark-{number}", kind="referral-service")
        for number in range(ORGANISATIONS)
    )
    worker = User.objects.create_user("benchmark-worker", password="not-used-in-benchmarks")  # noqa: S106
    Membership.objects.create(user=worker, organisation=organisations[0], role=Role.ADMISSIONS)
    AuthenticatorApp.objects.create(user=worker, name="Benchmark", confirmed=True)
    start = timezone.now() - datetime.timedelta(minutes=now_minutes_ago)
    batch = [
        ContactRequest(
            reference=f"B{number:08d}",
            created_at=start + datetime.timedelta(seconds=number % 36_000),
            source="web",
            organisation=organisations[number % ORGANISATIONS],
            for_whom="self",
            can_call=True,
            phone_hash=f"{number:064d}",
            best_times=["any-time"],
            has_red_flag=number % 97 == 0,
            consent_version="benchmark",
        )
        for number in range(REQUESTS)
    ]
    ContactRequest.objects.bulk_create(batch, batch_size=5_000)


def signed_in_cookie() -> str:
    from django.conf import settings
    from tests.conftest import signed_in_client

    from waypost.accounts.models import User

    client = signed_in_client(User.objects.get(username="benchmark-worker"))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def sequential_times_as_worker(cookie: str, path: str) -> list[float]:
    return sequential_times(cookie, path, samples=SEQUENTIAL_SAMPLES, who="worker")


def main() -> None:
    with migrated_postgres(DATABASE_NAME, POSTGRES_ADMIN_URL, collect_static=True) as (_folder, environment):
        started = time.perf_counter()
        seed()
        seconds = time.perf_counter() - started
        print(f"Seeded {REQUESTS:,} open requests in {ORGANISATIONS} organisations in {seconds:.1f} s")
        analyse()
        cookie = signed_in_cookie()
        for name, path in PAGES.items():
            samples = sequential_times_as_worker(cookie, path)
            print(
                f"{name} one at a time, in-process ({path}): p50 {statistics.median(samples):.1f} ms, "
                f"p95 {percentile(samples, 0.95):.1f} ms"
            )
        with server_running(environment) as base_url:
            baseline = measure(base_url, BARE_PATH)
            rows = [baseline, *(measure(base_url, path, headers=[f"Cookie: {cookie}"]) for path in PAGES.values())]
        print_table(
            f"Under gunicorn on PostgreSQL, {SERVER_WORKERS} workers, wrk 2 threads x 16 connections", rows, baseline
        )
        print(f"Machine load at the end: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")


def analyse() -> None:
    """Planner statistics and the visibility map, as autovacuum leaves them soon after a bulk load this size."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


if __name__ == "__main__":
    main()
