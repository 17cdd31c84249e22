"""The queue: requests for the user's organisations, due follow-ups first, then most at risk, then longest waiting.

Filters come from the URL so a filtered list can be bookmarked and shared: `q` (reference, any status), `status`
(`open` by default, `closed`, or any status), `outcome`, `owner` (`me`, `none` or a user id), `red_flag=1`,
`overdue=1`, `from`/`to` (received, YYYY-MM-DD) and `page`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, fields
from urllib.parse import quote

from django.conf import settings
from django.db import connections
from django.db.models import Count, Q, QuerySet, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from waypost.accounts.access import organisation_ids_for
from waypost.accounts.models import User
from waypost.intake.choices import OPEN_STATUSES, BestTime, ForWhom, Outcome, Status, shown_label
from waypost.intake.models import REFERENCE_LENGTH, ContactRequest
from waypost.intake.presenters import queue_language_line
from waypost.triage.access import requests_for_staff
from waypost.triage.risk import risk_summary

PAGE_SIZE = 50
# Within due follow-ups and within the rest: most at risk, then longest waiting (the queue index's order)
QUEUE_ORDER = ("-has_red_flag", "created_at", "id")
REFERENCE_PLACEHOLDER = "reference-placeholder"
OPEN = "open"
CLOSED = "closed"
ME = "me"
NOBODY = "none"
# The words the first version of the filter used, still accepted so old bookmarks keep working
OWNER_ALIASES = {"mine": ME, "unassigned": NOBODY}
SEARCHABLE_STATUSES = tuple(status for status in Status if status != Status.ERASED)
REFERENCE_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")


@dataclass(frozen=True)
class QueueFilters:
    """What the person asked the queue for, each value checked; anything unusable is treated as not given."""

    q: str = ""
    status: str = OPEN
    outcome: str = ""
    owner: str = ""
    red_flag: bool = False
    overdue: bool = False
    received_from: datetime.date | None = None
    received_to: datetime.date | None = None

    @property
    def names_one_request(self) -> bool:
        return len(self.q) == REFERENCE_LENGTH

    @property
    def is_filtered(self) -> bool:
        return self != QueueFilters()

    def as_query(self) -> dict[str, str]:
        """The filters as URL parameters, without the defaults, for links that keep them (pagination)."""
        values = {
            "q": self.q,
            "status": "" if self.status == OPEN else self.status,
            "outcome": self.outcome,
            "owner": self.owner,
            "red_flag": "1" if self.red_flag else "",
            "overdue": "1" if self.overdue else "",
            "from": self.received_from.isoformat() if self.received_from else "",
            "to": self.received_to.isoformat() if self.received_to else "",
        }
        return {key: value for key, value in values.items() if value}


def parse_date(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def parse_owner(text: str) -> str:
    owner = OWNER_ALIASES.get(text, text)
    if owner in (ME, NOBODY):
        return owner
    return owner if owner.isdecimal() and len(owner) < 12 else ""


def parse_filters(params: Mapping[str, str]) -> QueueFilters:
    q = "".join(character for character in params.get("q", "").strip().upper() if character in REFERENCE_CHARACTERS)
    status = params.get("status", "")
    outcome = params.get("outcome", "")
    return QueueFilters(
        q=q[:16],
        status=status if status in (CLOSED, *SEARCHABLE_STATUSES) else OPEN,
        outcome=outcome if outcome in Outcome.values else "",
        owner=parse_owner(params.get("owner", "")),
        red_flag=params.get("red_flag") == "1",
        overdue=params.get("overdue") == "1",
        received_from=parse_date(params.get("from", "")),
        received_to=parse_date(params.get("to", "")),
    )


def first_contact_target() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.FIRST_CONTACT_TARGET_MINUTES)


def filter_by_status(queryset: QuerySet[ContactRequest], filters: QueueFilters) -> QuerySet[ContactRequest]:
    if filters.status == OPEN and filters.q:
        # A reference search finds the request whatever its status, unless a status was chosen too
        return queryset.exclude(status=Status.ERASED)
    if filters.status == OPEN:
        return queryset.filter(status__in=OPEN_STATUSES)
    return queryset.filter(status=Status.CLOSED if filters.status == CLOSED else filters.status)


def filter_by_owner(queryset: QuerySet[ContactRequest], user: User, owner: str) -> QuerySet[ContactRequest]:
    if owner == ME:
        return queryset.filter(assigned_to=user)
    if owner == NOBODY:
        return queryset.filter(assigned_to__isnull=True)
    if owner:
        return queryset.filter(assigned_to_id=int(owner))
    return queryset


def matching_requests(user: User, filters: QueueFilters, now: datetime.datetime) -> QuerySet[ContactRequest]:
    """The requests the filters ask for, unordered: queue_page puts them in the queue's order."""
    queryset = filter_by_owner(filter_by_status(requests_for_staff(user), filters), user, filters.owner)
    if filters.names_one_request:
        # A whole reference is found through the unique index; only a part needs a scan
        queryset = queryset.filter(reference=filters.q)
    elif filters.q:
        queryset = queryset.filter(reference__contains=filters.q)
    if filters.outcome:
        queryset = queryset.filter(outcome=filters.outcome)
    if filters.red_flag:
        queryset = queryset.filter(has_red_flag=True)
    if filters.overdue:
        queryset = queryset.filter(first_contact_at__isnull=True, created_at__lt=now - first_contact_target())
    if filters.received_from:
        queryset = queryset.filter(created_at__gte=start_of(filters.received_from))
    if filters.received_to:
        queryset = queryset.filter(created_at__lt=start_of(filters.received_to + datetime.timedelta(days=1)))
    # Only what a row shows: loading every column would decrypt contact details the queue never displays
    columns = [field.name for field in fields(QueueColumns)]
    queryset = queryset.select_related("assigned_to").only(*columns, "assigned_to__username")
    return queryset


def page_of_requests(
    user: User, filters: QueueFilters, now: datetime.datetime, *, start: int, size: int
) -> list[ContactRequest]:
    requests = matching_requests(user, filters, now)
    if filters.names_one_request:
        # References are unique, so there is at most one row and no order to keep
        return list(requests.order_by()[start : start + size])
    return queue_page(requests, now, start=start, size=size)


def is_follow_up_due(now: datetime.datetime) -> Q:
    return Q(status__in=OPEN_STATUSES, follow_up_at__lte=now)


def queue_page(
    requests: QuerySet[ContactRequest], now: datetime.datetime, *, start: int, size: int
) -> list[ContactRequest]:
    """Rows start to start + size of the queue: due follow-ups first, then most at risk, then longest waiting.

    One query joining two index range scans (due follow-ups, then the rest, each in the order of the queue index)
    instead of a sort of every open request on a computed key (ADR 0034).
    """
    end = start + size
    due = queue_part(requests.filter(is_follow_up_due(now)), number=0, end=end)
    rest = queue_part(requests.exclude(is_follow_up_due(now)), number=1, end=end)
    return list(due.union(rest, all=True).order_by("queue_part", *QUEUE_ORDER)[start:end])


def queue_part(requests: QuerySet[ContactRequest], *, number: int, end: int) -> QuerySet[ContactRequest]:
    numbered = requests.annotate(queue_part=Value(number))
    if connections[requests.db].features.supports_slicing_ordering_in_compound:
        # Each part stops after `end` entries of the index, so PostgreSQL sorts at most two pages' worth
        return numbered.order_by(*QUEUE_ORDER)[:end]
    return numbered.order_by()


def start_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def status_counts(user: User) -> dict[str, int]:
    """Exact counts from the queue index alone: COUNT(*) needs no column, so no table row is read (ADR 0031)."""
    return counts_by_status(requests_for_staff(user))


def counts_by_status(requests: QuerySet[ContactRequest]) -> dict[str, int]:
    rows = requests.filter(status__in=OPEN_STATUSES).values("status").annotate(count=Count("*"))
    counts: dict[str, int] = dict.fromkeys(OPEN_STATUSES, 0)
    counts.update({row["status"]: row["count"] for row in rows})
    return counts


def team_for(user: User) -> QuerySet[User]:
    """Everyone in the user's organisations, for the owner filter."""
    members = User.objects.filter(memberships__organisation_id__in=organisation_ids_for(user))
    return members.distinct().order_by("username").only("pk", "username")


@dataclass(frozen=True)
class QueueColumns:
    """The columns a queue row reads (the rest stay encrypted and unread)."""

    reference: str
    has_red_flag: bool
    status: str
    outcome: str
    for_whom: str
    created_at: datetime.datetime
    first_contact_at: datetime.datetime | None
    follow_up_at: datetime.datetime | None
    can_call: bool
    can_text: bool
    can_email: bool
    best_times: list[str]
    selfcheck_summary: str | None
    assigned_to: object
    language: str


@dataclass(frozen=True)
class NextAction:
    text: str
    due: str
    is_due: bool


@dataclass(frozen=True)
class QueueRow:
    reference: str
    url: str
    has_red_flag: bool
    risk: str
    status: str
    owner: str
    for_whom: str
    next_action: NextAction
    contact_window: str
    waiting: str
    is_overdue: bool
    language: str = ""  # "Language: Spanish" when the person did not use English (ADR 0046)


ACTION_BY_STATUS = {
    Status.NEW: gettext_noop("Make first contact"),
    Status.CONTACT_ATTEMPTED: gettext_noop("Try to contact them again"),
    Status.IN_CONVERSATION: gettext_noop("Assess"),
    Status.ASSESSED: gettext_noop("Refer on or close"),
    Status.REFERRED_ON: gettext_noop("Check the referral was taken up"),
}


@dataclass(frozen=True)
class RowWords:
    """What the rows of one page word alike, in the page's language, translated once for the page.

    Fifty rows asked for the same dozen words about 500 times, each lookup walking Django's catalogue chain, and
    formatted each date through Django's general formatter: a fifth of the queue page (ADR 0055).
    """

    statuses: Mapping[str, str]
    actions: Mapping[str, str]
    closed_with: Mapping[str, str]
    closed: str
    follow_up: str
    make_first_contact: str
    for_whom: Mapping[str, str]
    nobody: str
    methods: tuple[tuple[str, str], ...]
    method_separator: str
    no_method: str
    best_times: Mapping[str, str]
    first_contact_after: str
    waited: str
    target: str
    zone: datetime.tzinfo
    weekdays: tuple[str, ...]
    months: Mapping[int, str]

    def when(self, moment: datetime.datetime) -> str:
        """As Django's date_format(localtime(moment), "D d M H:i"): day and month names in the page's language."""
        local = moment.astimezone(self.zone)
        return f"{self.weekdays[local.weekday()]} {local.day:02d} {self.months[local.month]} {local:%H:%M}"


def row_words() -> RowWords:
    return RowWords(
        statuses={status.value: shown_label(status) for status in Status},
        actions={status.value: _(words) for status, words in ACTION_BY_STATUS.items()},
        closed_with={
            outcome.value: _("None: closed (%(outcome)s)") % {"outcome": shown_label(outcome)} for outcome in Outcome
        },
        closed=_("None: closed"),
        follow_up=_("Follow up"),
        make_first_contact=_("Make first contact"),
        for_whom={for_whom.value: shown_label(for_whom) for for_whom in ForWhom},
        nobody=_("Nobody yet"),
        methods=(("can_call", _("call")), ("can_text", _("text")), ("can_email", _("email"))),
        method_separator=_(" or "),
        no_method=_("no method given"),
        best_times={time.value: shown_label(time).split(" (")[0].lower() for time in BestTime},
        first_contact_after=_("First contact after %(taken)s (target %(target)s)"),
        waited=_("%(waited)s (target %(target)s)"),
        target=target_text(),
        zone=timezone.get_current_timezone(),
        weekdays=tuple(str(WEEKDAYS_ABBR[day]) for day in range(7)),
        months={month: MONTHS_3[month].title() for month in range(1, 13)},
    )


def target_text() -> str:
    minutes = settings.FIRST_CONTACT_TARGET_MINUTES
    if minutes % 60 == 0:
        return _("%(hours)d h") % {"hours": minutes // 60}
    return describe_duration(first_contact_target())


def next_action(contact_request: ContactRequest, now: datetime.datetime, words: RowWords) -> NextAction:
    if contact_request.status not in OPEN_STATUSES:
        return NextAction(words.closed_with.get(contact_request.outcome, words.closed), "", is_due=False)
    if contact_request.follow_up_at is not None:
        due = contact_request.follow_up_at
        return NextAction(words.follow_up, words.when(due), is_due=due <= now)
    if contact_request.first_contact_at is None:
        due = contact_request.created_at + first_contact_target()
        return NextAction(words.make_first_contact, words.when(due), is_due=due <= now)
    return NextAction(words.actions[contact_request.status], "", is_due=False)


def contact_window(contact_request: ContactRequest, words: RowWords) -> str:
    """How and when they asked to be contacted, short enough for a row: "text, weekday evenings"."""
    methods = [name for attribute, name in words.methods if getattr(contact_request, attribute)]
    times = [words.best_times[time] for time in contact_request.best_times if time in words.best_times]
    return ", ".join([words.method_separator.join(methods) or words.no_method, *times])


def waiting_text(contact_request: ContactRequest, now: datetime.datetime, words: RowWords) -> str:
    if contact_request.first_contact_at is not None:
        taken = describe_duration(contact_request.first_contact_at - contact_request.created_at)
        return words.first_contact_after % {"taken": taken, "target": words.target}
    return words.waited % {"waited": describe_duration(now - contact_request.created_at), "target": words.target}


def queue_rows(requests: list[ContactRequest], now: datetime.datetime) -> list[QueueRow]:
    target = first_contact_target()
    words = row_words()
    # One reverse() for the page, not one per row: {% url %} in a 50-row loop was a tenth of the page's time
    before, after = reverse("triage:request_detail", args=[REFERENCE_PLACEHOLDER]).rsplit(REFERENCE_PLACEHOLDER, 1)
    rows = []
    for contact_request in requests:
        risk = risk_summary(contact_request)
        rows.append(
            QueueRow(
                reference=contact_request.reference,
                url=f"{before}{quote(contact_request.reference, safe=RFC3986_SUBDELIMS + '~:@')}{after}",
                has_red_flag=contact_request.has_red_flag,
                risk=risk[0].words[:1].upper() + risk[0].words[1:] if risk else "",
                status=words.statuses[contact_request.status],
                owner=contact_request.assigned_to.get_username() if contact_request.assigned_to else words.nobody,
                for_whom=words.for_whom.get(contact_request.for_whom, ""),
                next_action=next_action(contact_request, now, words),
                contact_window=contact_window(contact_request, words),
                waiting=waiting_text(contact_request, now, words),
                is_overdue=contact_request.status in OPEN_STATUSES
                and contact_request.first_contact_at is None
                and now - contact_request.created_at > target,
                language=queue_language_line(contact_request.language),
            )
        )
    return rows


def describe_duration(duration: datetime.timedelta) -> str:
    minutes = max(int(duration.total_seconds() // 60), 0)
    if minutes < 60:
        return _("%(minutes)d min") % {"minutes": minutes}
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}
    days = hours // 24
    return ngettext("%(days)d day", "%(days)d days", days) % {"days": days}
