"""A short fault run in the suite: one fault of each kind against nginx, three app servers, two workers, the run's
own PostgreSQL cluster, Redis and an SMTP server, all real processes on loopback (docs/adr/0035).

It starts its own PostgreSQL cluster whatever DATABASE_URL says, so it runs, unskipped, in both passes of the suite.
"""

from __future__ import annotations

from benchmarks.faults.cluster import ClusterOptions
from benchmarks.faults.run import FaultRunOptions, run_faults
from benchmarks.faults.schedule import Timetable

FAULTS = [
    "app server killed",
    "worker killed mid-delivery",
    "PostgreSQL restarted",
    "Redis stopped",
    "SMTP refusing",
    "every app server killed",
]


def test_a_short_fault_run_loses_nothing_sends_nothing_twice_and_always_answers_urgent_help() -> None:
    options = FaultRunOptions(
        timetable=Timetable.spread_over(36, redis_down=5, mail_refused=6),
        clients=3,
        cluster=ClusterOptions(lease_seconds=10),
        drain_seconds=120,
    )

    result = run_faults(options)

    print("\n".join(result.lines))  # shown by pytest when the test fails, or with -s
    verdict = result.verdict
    assert [window.name for window in result.windows] == FAULTS
    assert [window.note for window in result.windows if "fail" in window.note or "no worker" in window.note] == []
    assert verdict.acknowledged > 10
    assert (verdict.requests_lost, verdict.requests_duplicated) == (0, 0)
    assert verdict.messages_delivered > 10
    assert verdict.messages_delivered + verdict.messages_uncertain == verdict.messages_queued
    assert (verdict.messages_lost, verdict.messages_duplicated) == (0, 0)
    assert verdict.messages_uncertain >= 1  # the message whose worker was killed before the server's "250"
    assert verdict.urgent_probes > 20
    assert verdict.urgent_not_200 == 0
    assert verdict.client_errors == 0
