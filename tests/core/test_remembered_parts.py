"""The base layout's remembered parts (header, navigation, urgent strip, footer; docs/adr/0050) make every page
byte for byte what a fresh render makes, in every region and language, whichever page filled the memory first."""

from __future__ import annotations

import re

import pytest
from django.test import Client, override_settings

from tests.core.test_region_page_families import PAGE_FAMILIES
from waypost.core.page_memory import forget_stored_pages
from waypost.core.remembered_pages import rendering_afresh
from waypost.core.templatetags import remembered

pytestmark = pytest.mark.django_db

ADDRESS_PREFIXES = ["", "es/", "uk/", "us/", "uk/es/", "us/es/"]
SESSION_PAGES = ["contact/who", "check/question/journey.who", "chat/contact-instead"]
# A form's token is masked afresh on every render: the same secret, different bytes
CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def page(client: Client, path: str) -> str:
    forget_stored_pages()  # rendered by the views each time, not served from the page memory
    response = client.get(path)
    return CSRF_VALUE.sub('name="csrfmiddlewaretoken" value="…"', response.content.decode())


@override_settings(WAYPOST_REGION="uk", WAYPOST_REGIONS=["uk", "us"], WAYPOST_LANGUAGES=["en", "es"])
def test_every_page_family_with_the_remembered_parts_is_what_a_fresh_render_makes(
    member_of_the_public: Client,
) -> None:
    remembered.forget_remembered_parts()
    # Prefixes interleaved page by page, so a part remembered for one address is offered to every other
    paths = [f"/{prefix}{family}" for family in [*PAGE_FAMILIES, *SESSION_PAGES] for prefix in ADDRESS_PREFIXES]
    remembered_pages = {path: page(member_of_the_public, path) for path in paths}
    with rendering_afresh():
        fresh_pages = {path: page(member_of_the_public, path) for path in paths}

    assert len(remembered.remembered_parts) >= 4 * len(ADDRESS_PREFIXES)
    for path in paths:
        assert remembered_pages[path] == fresh_pages[path], path


def test_a_settings_change_forgets_the_remembered_parts(member_of_the_public: Client) -> None:
    before = member_of_the_public.get("/check/").content.decode()

    with override_settings(SITE_NAME="Another name"):
        after = member_of_the_public.get("/check/").content.decode()

    assert 'class="site-header__name">Waypost</a>' in before
    assert 'class="site-header__name">Another name</a>' in after
