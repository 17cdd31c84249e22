from __future__ import annotations

import pytest
from django.test import Client, override_settings

from waypost.core.helplines import HELPLINES, Region, emergency_line, get_helpline, helplines_for


def test_shows_uk_emergency_number_and_crisis_lines_by_default(member_of_the_public: Client) -> None:
    html = member_of_the_public.get("/urgent").content.decode()

    assert "Call 999 now if someone:" in html
    assert 'href="tel:999"' in html
    assert 'href="tel:111"' in html
    assert 'href="tel:116123"' in html
    assert "Text SHOUT to 85258" in html
    assert 'href="tel:911"' not in html


@override_settings(WAYPOST_REGION="us")
def test_shows_us_numbers_when_the_region_is_us(member_of_the_public: Client) -> None:
    html = member_of_the_public.get("/urgent").content.decode()

    assert "Call 911 now if someone:" in html
    assert 'href="tel:988"' in html
    assert 'href="tel:18006624357"' in html
    assert 'href="tel:999"' not in html


def test_visitor_can_switch_to_the_other_region(member_of_the_public: Client) -> None:
    html = member_of_the_public.get("/urgent?region=us").content.decode()

    assert "Call 911 now if someone:" in html
    assert 'href="?region=uk"' in html


def test_unknown_region_falls_back_to_the_configured_one(member_of_the_public: Client) -> None:
    html = member_of_the_public.get("/urgent?region=%3Cscript%3E").content.decode()

    assert "Call 999 now if someone:" in html
    assert "<script>" not in html


@pytest.mark.parametrize(
    "sign",
    [
        "unresponsive or cannot be woken",
        "breathing problems",
        "chest pain",
        "seizure",
        "alcohol, opioids",
        "benzodiazepines",
        "GHB",
    ],
)
def test_lists_the_signs_of_a_ketamine_emergency(member_of_the_public: Client, sign: str) -> None:
    assert sign in member_of_the_public.get("/urgent").content.decode()


def test_says_what_to_do_while_waiting(member_of_the_public: Client) -> None:
    html = member_of_the_public.get("/urgent").content.decode()

    assert "While you wait for help" in html
    assert "recovery position" in html


def test_every_crisis_line_shows_when_it_was_last_checked(member_of_the_public: Client) -> None:
    html = member_of_the_public.get("/urgent").content.decode()

    assert html.count("Last checked 21 November 2026") == len(helplines_for(Region.UK)) - 1


def test_each_region_has_exactly_one_emergency_line() -> None:
    for region in Region:
        assert sum(line.is_emergency for line in helplines_for(region)) == 1
    assert emergency_line(Region.UK).primary_contact.value == "999"
    assert emergency_line(Region.US).primary_contact.value == "911"


def test_helpline_keys_are_unique_and_sources_are_https() -> None:
    keys = [line.key for line in HELPLINES]

    assert len(keys) == len(set(keys))
    assert all(line.source_url.startswith("https://") for line in HELPLINES)


def test_unknown_helpline_key_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="uk-samaritans"):
        get_helpline("uk-nonexistent")


def test_urgent_page_works_without_touching_the_database(member_of_the_public: Client) -> None:
    # This test has no django_db mark, so pytest-django makes any query raise instead of running
    response = member_of_the_public.get("/urgent")

    assert response.status_code == 200
