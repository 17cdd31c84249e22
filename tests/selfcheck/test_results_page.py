"""The results page over HTTP: a way to talk to someone now on every path, and the same advice everywhere."""

from __future__ import annotations

import html as html_module

import pytest
from django.test import Client, override_settings

from tests.selfcheck.walker import walk
from waypost.core.advice import advice_for
from waypost.core.helplines import Region
from waypost.instruments.terminology import YES

PATHS = {
    "self-without-flags": {},
    "self-with-flags": {"safety.recent-behaviour": YES, "journey.bladder-gate": YES},
    "family-without-flags": {"journey.who": "family"},
    "family-with-flags": {"journey.who": "family", "ketamine-signs-observed.unable-to-pass-urine": YES},
}
TALK_NOW_CALLS = {Region.UK: ("tel:999", "tel:116123", "tel:111"), Region.US: ("tel:911", "tel:988")}


@pytest.mark.parametrize("region", list(Region))
@pytest.mark.parametrize("path", list(PATHS))
def test_every_results_page_shows_helplines_to_talk_to_now_and_the_contact_link(
    member_of_the_public: Client, path: str, region: Region
) -> None:
    with override_settings(WAYPOST_REGION=region.value):
        walk(member_of_the_public, PATHS[path])
        html = member_of_the_public.get("/check/results").content.decode()

    talk_now = html[html.index('<section class="talk-now"') : html.index("</section>", html.index("talk-now"))]
    assert '<h2 id="talk-now-heading">Talk to someone now</h2>' in talk_now
    for href in TALK_NOW_CALLS[region]:
        assert f'href="{href}"' in talk_now
    assert 'href="/contact/?from=check"' in talk_now


@pytest.mark.parametrize("region", list(Region))
def test_family_results_page_speaks_to_the_carer(member_of_the_public: Client, region: Region) -> None:
    with override_settings(WAYPOST_REGION=region.value):
        walk(member_of_the_public, PATHS["family-with-flags"])
        html = member_of_the_public.get("/check/results").content.decode()

    assert html_module.escape(advice_for("unable-to-pass-urine", region).carer_action) in html
    assert "They can help you cut down or stop safely" not in html
    assert "help them cut down or stop safely" in html
