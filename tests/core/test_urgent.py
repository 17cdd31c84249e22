from __future__ import annotations

import re

import pytest
from django.test import Client, override_settings
from django.utils.html import escape

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


def test_every_line_says_what_it_was_checked_against_and_when(member_of_the_public: Client) -> None:
    html = member_of_the_public.get("/urgent").content.decode()
    listed = [line for line in helplines_for(Region.UK) if not line.is_emergency]

    for line in listed:
        assert escape(line.check_summary) in html, line.key
    assert html.count("Checked against the service&#x27;s own website on 30 November 2026.") == sum(
        line.is_verified_against_source for line in listed
    )
    assert "Last checked" not in html


def section(html: str, heading_id: str) -> str:
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', html, re.DOTALL)
    assert match, f"no section labelled by {heading_id}"
    return match.group(0)


def test_crisis_lines_and_drug_advice_lines_are_in_separate_sections(member_of_the_public: Client) -> None:
    html = member_of_the_public.get("/urgent").content.decode()
    crisis = section(html, "crisis-heading")
    drugs = section(html, "drug-advice-heading")
    young = section(html, "young-people-heading")

    assert '<h2 id="crisis-heading">If you are thinking about ending your life</h2>' in crisis
    assert 'href="tel:116123"' in crisis
    assert "Text SHOUT to 85258" in crisis
    assert "FRANK" not in crisis
    assert "Childline" not in crisis
    assert '<h2 id="drug-advice-heading">Advice about drugs</h2>' in drugs
    assert 'href="tel:03001236600"' in drugs
    assert "Samaritans" not in drugs
    assert '<h2 id="young-people-heading">For children and young people</h2>' in young
    assert 'href="tel:08001111"' in young


@override_settings(WAYPOST_REGION="us")
def test_us_crisis_lines_and_treatment_referral_are_apart(member_of_the_public: Client) -> None:
    html = member_of_the_public.get("/urgent").content.decode()

    assert 'href="tel:988"' in section(html, "crisis-heading")
    assert 'href="tel:18006624357"' not in section(html, "crisis-heading")
    assert 'href="tel:18006624357"' in section(html, "drug-advice-heading")
    assert 'aria-labelledby="young-people-heading"' not in html


@pytest.mark.parametrize(("region", "number"), [("uk", "999"), ("us", "911")])
def test_emergency_number_is_a_call_button_before_anything_else(
    member_of_the_public: Client, region: str, number: str
) -> None:
    html = member_of_the_public.get(f"/urgent?region={region}").content.decode()
    main = html[html.index('<main id="main-content"') :]
    first_link = re.search(r"<a [^>]*>", main)

    assert first_link
    assert first_link.group(0) == f'<a href="tel:{number}" class="emergency-call">'
    assert main.index("emergency-call") < main.index("care-card")


def test_shows_the_routes_of_each_uk_nation(member_of_the_public: Client) -> None:
    nations = section(member_of_the_public.get("/urgent").content.decode(), "nations-heading")

    for heading in ("In England", "In Scotland", "In Wales", "In Northern Ireland"):
        assert f"<h3>{heading}</h3>" in nations
    assert "NHS 24 (111)" in nations
    assert 'href="tel:0800838587"' in nations
    assert "NHS 111 Wales" in nations
    assert 'href="tel:08088088000"' in nations
    assert "There is no NHS 111 in Northern Ireland." in nations
    assert 'href="https://gpoutofhours.hscni.net/"' in nations


def test_111_shows_the_mental_health_option_where_it_applies(member_of_the_public: Client) -> None:
    nations = section(member_of_the_public.get("/urgent").content.decode(), "nations-heading")
    england = nations[nations.index("In England") : nations.index("In Scotland")]
    scotland = nations[nations.index("In Scotland") : nations.index("In Wales")]
    wales = nations[nations.index("In Wales") : nations.index("In Northern Ireland")]

    assert "For mental health help, call 111 and choose the mental health option." in england
    assert "For mental health help, call 111 and choose the mental health option (press 2)." in wales
    assert "mental health option" not in scotland


@override_settings(WAYPOST_REGION="us")
def test_us_page_has_no_uk_nation_list(member_of_the_public: Client) -> None:
    html = member_of_the_public.get("/urgent").content.decode()

    assert 'aria-labelledby="nations-heading"' not in html
    assert "Northern Ireland" not in html


def test_family_support_lines_have_their_own_section(member_of_the_public: Client) -> None:
    family = section(member_of_the_public.get("/urgent").content.decode(), "family-heading")

    assert '<h2 id="family-heading">If you are worried about someone else</h2>' in family
    assert 'href="tel:03001236600"' in family


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
