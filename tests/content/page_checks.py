"""Checks every learn page passes, English or translated: its links and numbers come only from Waypost itself."""

from __future__ import annotations

import re

from waypost.content.library import CITATION_MARKER, Page, all_pages
from waypost.content.rendering import HELPLINE_PLACEHOLDER, REGIONAL_HELPLINES
from waypost.core.helplines import HELPLINES_BY_KEY

PHONE_NUMBER = re.compile(r"(?<![\w.-])(?:\d[\d ()-]{5,}\d|999|911|111|988|112)(?![\w.-])")
# The parts of Waypost a page may link to besides other learn pages
LINKABLE_PAGES = {"/check/", "/urgent", "/contact/", "/services/", "/learn/"}


def assert_links_only_to_pages_that_exist(page: Page) -> None:
    for target in re.findall(r"\]\((/[^)\s]*)\)", page.body):
        if target.startswith("/learn/"):
            assert target.removeprefix("/learn/").split("#")[0] in all_pages(), target
        else:
            assert target.split("#")[0] in LINKABLE_PAGES, target
    assert set(page.related) <= set(all_pages())


def assert_phone_numbers_come_only_from_the_registry(page: Page) -> None:
    body_without_placeholders = CITATION_MARKER.sub("", HELPLINE_PLACEHOLDER.sub("", page.body))

    assert PHONE_NUMBER.findall(body_without_placeholders) == []
    assert set(HELPLINE_PLACEHOLDER.findall(page.body)) <= set(HELPLINES_BY_KEY) | set(REGIONAL_HELPLINES)
