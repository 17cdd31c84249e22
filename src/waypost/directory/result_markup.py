"""One search result's HTML, written in Python: byte for byte what directory/_result.html makes.

A page of ten results spent most of its time in the template engine, one include per result. The template stays
as the reference: tests/directory/test_result_markup.py compares the two for every demo listing (docs/adr/0041).
"""

from __future__ import annotations

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from waypost.directory.presenters import Listing


def text(value: str) -> str:
    return str(conditional_escape(value))


def joined(values: tuple[str, ...]) -> str:
    # As the template's |join:", " does: each item escaped, the separator too
    return text(", ").join(text(value) for value in values)


def result_item(item: Listing) -> SafeString:
    address = f" · {text(item.address)}" if item.address else ""
    availability = f"<b>{text(item.availability)}</b>" if item.is_accepting else text(item.availability)
    care = f"{text(gettext('Care:'))} {joined(item.care_types)}" if item.care_types else ""
    line_break = "<br>" if item.care_types and item.payment else ""
    payment = f"{text(gettext('Payment:'))} {joined(item.payment)}" if item.payment else ""
    phones = "".join(f'<a href="{text(phone.href)}">{text(phone.number)}</a> · ' for phone in item.phones)
    website = f'<a href="{text(item.website)}" rel="noreferrer">{text(gettext("Website"))}</a>' if item.website else ""
    run_by = gettext("Run by %(organisation)s (%(ownership)s)") % {
        "organisation": text(item.organisation),
        "ownership": text(item.ownership),
    }
    freshness_class = "finder-stale" if item.freshness.is_stale else "finder-checked"
    return mark_safe(  # noqa: S308 -- every value is escaped by text()
        f'<li class="finder-result"><h3><a href="{text(item.url)}">{text(item.name)}</a></h3>\n'
        f"<p>{text(item.distance)}{address}</p>\n"
        f"<p>{run_by}</p>\n"
        f"<p>{availability}</p>\n"
        f"<p>{care}{line_break}{payment}</p>\n"
        f"<p>{phones}{website}</p>\n"
        f'<p class="{freshness_class}">{text(item.freshness.text)}</p></li>\n'
    )
