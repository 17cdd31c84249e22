"""One source of advice: results, care cards, stop pages, /urgent and the learn pages say the same words."""

from __future__ import annotations

import html as html_module
import re

import pytest
from django.test import Client, override_settings

from tests.selfcheck.walker import walk
from waypost.content.library import all_pages
from waypost.content.rendering import ADVICE_PLACEHOLDER
from waypost.core.advice import URGENT_PAGE_KEYS, advice_for
from waypost.core.helplines import Region
from waypost.instruments.flags import Flag
from waypost.instruments.terminology import YES
from waypost.selfcheck.results import care_cards

# Each flag the learn pages give advice for: the answer that raises it and the pages that speak of it
LEARN_PAGE_ADVICE = {
    Flag.URINARY_RETENTION: ("bladder-signs.unable-to-pass-urine", ("ketamine-bladder", "warning-signs")),
    Flag.BLOOD_IN_URINE: ("bladder-signs.blood-in-urine", ("ketamine-bladder", "warning-signs")),
}


@pytest.mark.parametrize("region", list(Region))
@pytest.mark.parametrize("flag", list(LEARN_PAGE_ADVICE))
def test_results_care_cards_stop_page_and_learn_pages_give_the_same_advice(
    member_of_the_public: Client, flag: Flag, region: Region
) -> None:
    trigger, slugs = LEARN_PAGE_ADVICE[flag]
    action = advice_for(flag.value, region).action
    stops: dict[str, str] = {}
    with override_settings(WAYPOST_REGION=region.value):
        walk(member_of_the_public, {"journey.bladder-gate": YES, trigger: YES}, stops=stops)
        results_page = member_of_the_public.get("/check/results").content.decode()
        learn_pages = [member_of_the_public.get(f"/learn/{slug}").content.decode() for slug in slugs]
        urgent_page = member_of_the_public.get("/urgent").content.decode()

    assert care_cards([flag], region)[0].actions == (action,)
    for html in (results_page, stops[trigger], urgent_page, *learn_pages):
        assert html_module.escape(action) in html


@pytest.mark.parametrize("region", list(Region))
@pytest.mark.parametrize("key", URGENT_PAGE_KEYS)
def test_the_urgent_page_gives_the_same_advice_as_the_results(
    member_of_the_public: Client, key: str, region: Region
) -> None:
    with override_settings(WAYPOST_REGION=region.value):
        urgent_page = member_of_the_public.get("/urgent").content.decode()

    assert html_module.escape(advice_for(key, region).action) in urgent_page


def test_learn_pages_use_the_advice_marker_for_retention_and_blood_in_urine() -> None:
    for slug in ("ketamine-bladder", "warning-signs"):
        keys = ADVICE_PLACEHOLDER.findall(all_pages()[slug].body)
        assert {"unable-to-pass-urine", "blood-in-urine"} <= set(keys), slug


def test_learn_pages_no_longer_call_retention_a_same_day_problem() -> None:
    for slug in ("ketamine-bladder", "warning-signs"):
        same_day_list = re.search(r"the same day (?:if|for):\n\n((?:- .*\n)+)", all_pages()[slug].body)
        assert same_day_list is not None, slug
        assert "blood in your pee" in same_day_list.group(1)
        assert "pee at all" not in same_day_list.group(1), slug


@pytest.mark.parametrize("slug", list(all_pages()))
def test_every_advice_marker_names_known_advice(slug: str) -> None:
    for key in ADVICE_PLACEHOLDER.findall(all_pages()[slug].body):
        assert all(advice_for(key, region).action for region in Region)
