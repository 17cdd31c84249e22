"""The staff queue with 100,000 open requests across 50 organisations on PostgreSQL, against a bare view.

Run: `python -m benchmarks.triage` (needs wrk and the local PostgreSQL). Target: queue page p95 <= 50 ms.
Reports the queue under load (wrk: p50, p99) and one request at a time in-process (p50, p95).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.harness import (
    BARE_PATH,
    benchmark_environment,
    measure,
    percentile,
    print_table,
    server_running,
    temporary_postgres_database,
)

POSTGRES_ADMIN_URL = os.environ.get("WAYPOST_BENCHMARK_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
ORGANISATIONS = 50
REQUESTS = 100_000
SEQUENTIAL_SAMPLES = 200


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


def sequential_queue_times(cookie: str) -> list[float]:
    from django.test import Client

    client = Client(HTTP_COOKIE=cookie, HTTP_HOST="127.0.0.1")
    samples = []
    for _ in range(SEQUENTIAL_SAMPLES):
        started = time.perf_counter()
        response = client.get("/staff/")
        samples.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"The queue answered {response.status_code}; is the benchmark worker signed in?")
    return samples


def main() -> None:
    with (
        tempfile.TemporaryDirectory(prefix="waypost-benchmark-") as folder,
        temporary_postgres_database("waypost_bench_triage", POSTGRES_ADMIN_URL) as database_url,
    ):
        environment = benchmark_environment(Path(folder), database_url)
        os.environ.update(environment)
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        seed()
        seconds = time.perf_counter() - started
        print(f"Seeded {REQUESTS:,} open requests in {ORGANISATIONS} organisations in {seconds:.1f} s")
        cookie = signed_in_cookie()
        samples = sequential_queue_times(cookie)
        print(
            f"Queue page one at a time, in-process: p50 {statistics.median(samples):.1f} ms, "
            f"p95 {percentile(samples, 0.95):.1f} ms"
        )
        with server_running(environment) as base_url:
            baseline = measure(base_url, BARE_PATH)
            rows = [baseline, measure(base_url, "/staff/", headers=[f"Cookie: {cookie}"])]
        print_table("Queue page under gunicorn on PostgreSQL, 2 workers x 4 threads, wrk 2x16", rows, baseline)


if __name__ == "__main__":
    main()
