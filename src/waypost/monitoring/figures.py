"""Figures read from the database when /metrics is scraped: the outbox and the contact-request queue.

They are the same whichever app server answers, so they are gauges computed per scrape rather than counters kept
by one process; a delivery worker on another machine needs no metrics endpoint of its own. Labels are statuses
only: no organisation, reference or person.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator

from django.db import DatabaseError
from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector

from waypost.notifications.services import summarise_outbox
from waypost.triage.access import count_requests_for_monitoring

FigureSource = Callable[[datetime.datetime], Iterable[Metric]]


def outbox_figures(now: datetime.datetime) -> Iterator[Metric]:
    summary = summarise_outbox(now)
    by_status = GaugeMetricFamily(
        "waypost_outbox_messages", "Outbox messages not yet sent, by state.", labels=["status"]
    )
    for status, count in sorted(summary.by_status.items()):
        by_status.add_metric([status], count)
    yield by_status
    yield GaugeMetricFamily(
        "waypost_outbox_due_messages", "Messages due to be sent now (the depth a worker must clear).", value=summary.due
    )
    yield GaugeMetricFamily(
        "waypost_outbox_oldest_due_age_seconds",
        "How long the oldest message due now has been due; 0 when none is.",
        value=summary.oldest_due_seconds,
    )
    yield GaugeMetricFamily(
        "waypost_outbox_oldest_unsent_age_seconds",
        "Age of the oldest message not yet sent (queued, waiting to retry, claimed or sending); 0 when none is.",
        value=summary.oldest_unsent_seconds,
    )
    yield GaugeMetricFamily(
        "waypost_outbox_retrying_messages",
        "Queued messages whose last attempt failed and which will be tried again.",
        value=summary.retrying,
    )
    failures = GaugeMetricFamily(
        "waypost_outbox_delivery_failures",
        "Messages that failed for good, or may not have arrived, that no person has dealt with yet.",
        labels=["status"],
    )
    for status, count in sorted(summary.needing_attention.items()):
        failures.add_metric([status], count)
    yield failures


def contact_request_figures(now: datetime.datetime) -> Iterator[Metric]:
    counts = count_requests_for_monitoring(now)
    open_requests = GaugeMetricFamily(
        "waypost_contact_requests_open", "Open contact requests, by status.", labels=["status"]
    )
    overdue = GaugeMetricFamily(
        "waypost_contact_requests_overdue",
        "Open contact requests past the first-contact target with no contact yet, by status.",
        labels=["status"],
    )
    for status in sorted(counts.open_by_status):
        open_requests.add_metric([status], counts.open_by_status[status])
        overdue.add_metric([status], counts.overdue_by_status.get(status, 0))
    yield open_requests
    yield overdue


# Live chat does not exist yet: its figure (e.g. waypost_chat_sessions_open by state) joins this list when it does
FIGURE_SOURCES: tuple[FigureSource, ...] = (outbox_figures, contact_request_figures)


class DatabaseFigures(Collector):
    def __init__(self, sources: tuple[FigureSource, ...] = FIGURE_SOURCES) -> None:
        self.sources = sources

    def collect(self) -> Iterable[Metric]:
        now = timezone.now()
        try:
            figures = [figure for source in self.sources for figure in source(now)]
            is_available = True
        except DatabaseError:
            # The request metrics are still worth serving while the database is away
            figures, is_available = [], False
        available = GaugeMetricFamily(
            "waypost_database_figures_available",
            "1 when the database figures could be read at this scrape, 0 when the database did not answer.",
            value=1 if is_available else 0,
        )
        return [available, *figures]
