"""Recovery support on PostgreSQL: check-in submission throughput, and the trend page for a person with two years
of daily check-ins, each against the bare view in the same run (ADR 0040).

Run: `python -m benchmarks.recovery` (needs wrk and the local PostgreSQL). WAYPOST_BENCHMARK_DATABASE names the
throwaway database (default waypost_bench_recovery). Reports the trend page one at a time in-process (p50, p95,
and p95 as a multiple of the bare view's), then under gunicorn with wrk: requests/s, p50, p99 and the ratio to
bare for the 4- and 12-week trend pages and for POST /api/recovery/check-ins (a FHIR QuestionnaireResponse).
"""

from __future__ import annotations

import datetime
import json
import os
import re
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
DATABASE_NAME = os.environ.get("WAYPOST_BENCHMARK_DATABASE", "waypost_bench_recovery")
DAYS = 730
SEQUENTIAL_SAMPLES = 100
LONG_HISTORY = "+447400100001"
SUBMITTER = "+447400100002"
TREND_PAGES = {"trends, 4 weeks": "/recovery/trends", "trends, 12 weeks": "/recovery/trends?weeks=12"}
POST_SCRIPT = """
wrk.method = "POST"
wrk.body = [==[{body}]==]
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer {token}"
"""


def seed() -> None:
    """Two people: one with a check-in every day for two years, one who submits check-ins under load."""
    from django.db import transaction
    from django.utils import timezone

    from waypost.accounts.models import Membership, Organisation, Role, User
    from waypost.recovery.check_ins import CheckInAnswers, to_response
    from waypost.recovery.models import CheckIn, ContactChannel
    from waypost.recovery.rules import Rhythm
    from waypost.recovery.services import invite_to_recovery

    organisation = Organisation.objects.create(name="Benchmark team", slug="benchmark", kind="referral-service")
    worker = User.objects.create_user("benchmark-worker", password="not-used-in-benchmarks")  # noqa: S106
    Membership.objects.create(user=worker, organisation=organisation, role=Role.ADMISSIONS)
    with transaction.atomic():
        people = [
            invite_to_recovery(
                actor=worker, organisation=organisation, channel=ContactChannel.SMS, contact=contact,
                rhythm=Rhythm.DAILY, shares_with_care_team=True, page="/benchmark",
            )
            for contact in (LONG_HISTORY, SUBMITTER)
        ]  # fmt: skip
    today = timezone.now()
    rows = []
    for day in range(DAYS):
        moment = today - datetime.timedelta(days=DAYS - day)
        answers = CheckInAnswers(
            craving=day % 11, mood=1 + day % 5, has_used=day % 9 == 0, amount="", sleep=1 + day % 5,
            bladder_symptoms=("sudden-urges",) if day % 6 == 0 else (), confidence=day % 11,
            has_thoughts_of_ending_life=False, note="Benchmark day",
        )  # fmt: skip
        rows.append(
            CheckIn(
                enrolment=people[0], submitted_at=moment, response=json.dumps(to_response(answers, authored=moment))
            )
        )
    CheckIn.objects.bulk_create(rows, batch_size=500)


def latest_code() -> str:
    from waypost.notifications.models import OutboundMessage

    message = OutboundMessage.objects.filter(template="recovery-code").order_by("-pk").first()
    assert message is not None  # noqa: S101
    found = re.search(r"\b(\d{6})\b", message.body)
    assert found is not None  # noqa: S101
    return found.group(1)


def person_cookie() -> str:
    from django.conf import settings
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.post("/recovery/sign-in", {"contact": LONG_HISTORY})
    client.post("/recovery/code", {"code": latest_code()})
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def submitter_token() -> str:
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.post("/api/recovery/sign-in", json.dumps({"contact": SUBMITTER}), content_type="application/json")
    body = json.dumps({"contact": SUBMITTER, "code": latest_code()})
    return str(client.post("/api/recovery/token", body, content_type="application/json").json()["access_token"])


def check_in_body() -> str:
    from django.utils import timezone

    from waypost.recovery.check_ins import CheckInAnswers, to_response

    answers = CheckInAnswers(
        craving=4, mood=3, has_used=False, amount="", bladder_symptoms=(), sleep=3, confidence=6,
        has_thoughts_of_ending_life=False, note="",
    )  # fmt: skip
    return json.dumps(to_response(answers, authored=timezone.now()))


def sequential_times_as_person(cookie: str, path: str) -> list[float]:
    return sequential_times(cookie, path, samples=SEQUENTIAL_SAMPLES, who="person")


def main() -> None:
    with migrated_postgres(DATABASE_NAME, POSTGRES_ADMIN_URL, collect_static=True) as (folder, environment):
        started = time.perf_counter()
        seed()
        print(f"Seeded {DAYS} daily check-ins for one person in {time.perf_counter() - started:.1f} s")
        cookie, token = person_cookie(), submitter_token()
        bare = sequential_times_as_person(cookie, BARE_PATH)
        bare_p95 = percentile(bare, 0.95)
        print(f"bare view one at a time, in-process: p50 {statistics.median(bare):.2f} ms, p95 {bare_p95:.2f} ms")
        for name, path in TREND_PAGES.items():
            samples = sequential_times_as_person(cookie, path)
            p95 = percentile(samples, 0.95)
            print(
                f"{name} one at a time, in-process ({path}): p50 {statistics.median(samples):.1f} ms, "
                f"p95 {p95:.1f} ms ({p95 / bare_p95:.0f}x the bare view's p95)"
            )
        script = folder / "check-in.lua"
        script.write_text(POST_SCRIPT.format(body=check_in_body(), token=token), encoding="utf-8")
        with server_running(environment) as base_url:
            baseline = measure(base_url, BARE_PATH)
            rows = [
                baseline,
                *(measure(base_url, path, headers=[f"Cookie: {cookie}"]) for path in TREND_PAGES.values()),
            ]
            rows.append(measure(base_url, "/api/recovery/check-ins", script=script))
        print_table(
            f"Under gunicorn on PostgreSQL, {SERVER_WORKERS} workers, wrk 2 threads x 16 connections", rows, baseline
        )
        from waypost.recovery.models import CheckIn

        print(f"Check-ins stored by the POST run: {CheckIn.objects.count() - DAYS}")
        print(f"Machine load at the end: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")


if __name__ == "__main__":
    main()
