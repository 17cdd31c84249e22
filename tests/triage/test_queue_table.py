"""The queue table's rows written in Python give the markup the template loop gave, escaped the same (ADR 0034)."""

from __future__ import annotations

import itertools
from pathlib import Path

from django.template import Context, Template

from waypost.triage.queue import NextAction, QueueRow
from waypost.triage.queue_table import queue_table_rows

# The loop queue.html held before ADR 0034, kept here as the reference the Python rows must equal
TEMPLATE_LOOP = Template((Path(__file__).parent / "fixtures" / "queue_rows_before_adr_0034.html").read_text())
ACTIONS = [
    NextAction("Follow up", "Mon 30 Nov 14:27", is_due=True),
    NextAction("Make first contact", "Tue 01 Dec 09:00", is_due=False),
    NextAction("None: closed (Admitted)", "", is_due=False),
]


def row(*, is_overdue: bool, has_red_flag: bool, for_whom: str, risk: str, next_action: NextAction) -> QueueRow:
    return QueueRow(
        reference="B<0001>",
        url="/staff/requests/B%3C0001%3E?a=1&b='2'",
        has_red_flag=has_red_flag,
        risk=risk,
        status="Contact attempted",
        owner='o"brien & <co>',
        for_whom=for_whom,
        next_action=next_action,
        contact_window="call or text, weekday evenings",
        waiting="2 h 5 min (target 1 h)",
        is_overdue=is_overdue,
    )


def test_queue_rows_are_the_markup_the_template_loop_gave_for_every_kind_of_row() -> None:
    rows = [
        row(is_overdue=overdue, has_red_flag=red_flag, for_whom=for_whom, risk=risk, next_action=action)
        for overdue, red_flag, for_whom, risk, action in itertools.product(
            [True, False], [True, False], ["Me", "", "<b>"], ["Thoughts of suicide", "", "a & b"], ACTIONS
        )
    ]

    assert str(queue_table_rows(rows)) == TEMPLATE_LOOP.render(Context({"rows": rows}))


def test_queue_rows_escape_what_they_print() -> None:
    closed = row(is_overdue=False, has_red_flag=False, for_whom="<b>", risk="", next_action=ACTIONS[2])

    html = queue_table_rows([closed])

    assert "<b>" not in html
    assert "&lt;b&gt;" in html
    assert "o&quot;brien &amp; &lt;co&gt;" in html
