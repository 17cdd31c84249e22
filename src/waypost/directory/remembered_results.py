"""A search result's markup, made once for the listing's details, the page's language and region, and the day.

Wording a listing (about twenty translations, a date, the care and payment labels) and writing its markup took
two thirds of a search's own time, and the same services come back search after search. The markup follows
from the service's, organisation's, location's and phones' stored values, the language, region and address prefix,
and the date (for "Last checked 3 weeks ago"): those values are the key, so a changed phone number or a new day
is a new key, never a stale listing. Only the distance differs between searches; it fills a slot in each copy.
Nothing about the person searching is kept: the key is the directory's public details (docs/adr/0056).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Iterable
from functools import cache
from operator import itemgetter
from typing import Any

from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from waypost.core import remembered_pages
from waypost.directory.presenters import distance_text, listing
from waypost.directory.result_markup import result_item
from waypost.directory.search import Hit
from waypost.directory.storage.page_loading import field_names

# Two languages and regions of a few hundred listings each; a listing's markup is about a kilobyte
MOST_RESULTS = 4000
DISTANCE = remembered_pages.slot("distance")

remembered_results: dict[tuple[Hashable, ...], str] = {}


@receiver(setting_changed)
def forget_remembered_results(**_kwargs: Any) -> None:
    remembered_results.clear()


def stored_values(instance: models.Model) -> tuple[Any, ...]:
    """Every stored field of a loaded row, in the model's order."""
    return values_getter(type(instance))(instance.__dict__)


@cache
def values_getter(model: type[models.Model]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    # Read from the instance's own values: a row loaded from the database holds every field there
    return itemgetter(*field_names(model))


def page_key() -> tuple[Hashable, ...]:
    """What every listing on a page is worded for: the language, address prefix, URLconf, region and the day."""
    return (*remembered_pages.wording_key(), timezone.localdate())


def listing_key(hit: Hit) -> tuple[Hashable, ...]:
    """Everything in a listing's markup that comes from the directory: all but its distance."""
    return (
        stored_values(hit.service),
        stored_values(hit.service.organization),
        stored_values(hit.location),
        tuple(stored_values(phone) for phone in hit.phones),
    )


def fresh_result(hit: Hit) -> SafeString:
    return result_item(listing(hit.service, hit.location, hit.phones, hit.distance_km))


def results_markup(hits: Iterable[Hit]) -> list[SafeString]:
    """Each listing's markup as `result_item(listing(...))` makes it, from memory when its details were seen before."""
    if not remembered_pages.is_remembering:
        return [fresh_result(hit) for hit in hits]
    page = page_key()
    return [with_distance(kept_markup(hit, (*page, *listing_key(hit))), hit.distance_km) for hit in hits]


def kept_markup(hit: Hit, key: tuple[Hashable, ...]) -> str:
    html = remembered_results.get(key)
    if html is None:
        without_distance = dataclasses.replace(listing(hit.service, hit.location, hit.phones, None), distance=DISTANCE)
        html = str(result_item(without_distance))
        if len(remembered_results) >= MOST_RESULTS:
            remembered_results.clear()
        remembered_results[key] = html
    return html


def with_distance(html: str, kilometres: float) -> SafeString:
    distance = str(conditional_escape(distance_text(kilometres)))
    return mark_safe(html.replace(DISTANCE, distance))  # noqa: S308 -- kept markup was escaped, and the distance now
