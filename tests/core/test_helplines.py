"""The helpline registry, entry by entry: where each line's facts come from, what it is for, and where it works."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from waypost.core.helplines import (
    CHECKED_AGAINST_FIELD_NOTES,
    CHECKED_AGAINST_SOURCES,
    CHECKED_SPANISH_ROUTES,
    ENGLISH,
    HELPLINES,
    SPANISH,
    Category,
    CheckedAgainst,
    Helpline,
    Nation,
    Region,
    crisis_lines,
    drug_advice_lines,
    family_support_lines,
    get_helpline,
    helplines_for,
    lines_for_nation,
    nation_lines_for,
    same_day_routes,
    young_people_lines,
)

# The service's own domain for each line: a news site or a GP practice page is never the source
OWN_DOMAIN = {
    "uk-emergency": "nhs.uk",
    "uk-samaritans": "samaritans.org",
    "uk-shout": "giveusashout.org",
    "uk-frank": "talktofrank.com",
    "uk-childline": "childline.org.uk",
    "uk-nhs-111": "nhs.uk",
    "uk-nhs-24": "nhs24.scot",
    "uk-breathing-space": "breathingspace.scot",
    "uk-nhs-111-wales": "111.wales.nhs.uk",
    "uk-lifeline": "lifelinehelpline.info",
    "uk-ni-gp-out-of-hours": "gpoutofhours.hscni.net",
    "us-emergency": "911.gov",
    "us-988": "988lifeline.org",
    "us-988-spanish": "988lifeline.org",
    "us-samhsa-helpline": "samhsa.gov",
    "us-samhsa-help4u": "samhsa.gov",
    "us-crisis-text-line": "crisistextline.org",
}
CATEGORY = {
    "uk-emergency": Category.EMERGENCY,
    "uk-samaritans": Category.CRISIS,
    "uk-shout": Category.CRISIS,
    "uk-frank": Category.DRUG_ADVICE,
    "uk-childline": Category.YOUNG_PEOPLE,
    "uk-nhs-111": Category.SAME_DAY,
    "uk-nhs-24": Category.SAME_DAY,
    "uk-breathing-space": Category.CRISIS,
    "uk-nhs-111-wales": Category.SAME_DAY,
    "uk-lifeline": Category.CRISIS,
    "uk-ni-gp-out-of-hours": Category.SAME_DAY,
    "us-emergency": Category.EMERGENCY,
    "us-988": Category.CRISIS,
    "us-988-spanish": Category.CRISIS,
    "us-samhsa-helpline": Category.DRUG_ADVICE,
    "us-samhsa-help4u": Category.DRUG_ADVICE,
    "us-crisis-text-line": Category.CRISIS,
}
# Lines whose details were found on a stored copy of the service's own page (ADR 0012 lists the pages)
VERIFIED_AGAINST_OWN_SITE = {
    "uk-samaritans",
    "uk-shout",
    "uk-nhs-24",
    "uk-breathing-space",
    "uk-ni-gp-out-of-hours",
    "us-samhsa-helpline",
    "us-samhsa-help4u",
}


def keys(lines: tuple[Helpline, ...]) -> list[str]:
    return [line.key for line in lines]


def dials_111(line: Helpline) -> bool:
    return any(contact.href == "tel:111" for contact in line.contacts)


def test_every_line_is_in_the_source_and_category_tables() -> None:
    assert set(keys(HELPLINES)) == set(OWN_DOMAIN) == set(CATEGORY)


@pytest.mark.parametrize("line", HELPLINES, ids=lambda line: line.key)
def test_source_is_a_page_on_the_services_own_domain(line: Helpline) -> None:
    parts = urlsplit(line.source_url)
    domain = OWN_DOMAIN[line.key]

    assert parts.scheme == "https"
    assert parts.hostname == domain or str(parts.hostname).endswith("." + domain)


@pytest.mark.parametrize("line", HELPLINES, ids=lambda line: line.key)
def test_each_line_has_its_category(line: Helpline) -> None:
    assert line.category == CATEGORY[line.key]


@pytest.mark.parametrize("line", HELPLINES, ids=lambda line: line.key)
def test_check_date_matches_what_the_line_was_checked_against(line: Helpline) -> None:
    if SPANISH in line.languages and ENGLISH not in line.languages:
        assert line.last_verified == CHECKED_SPANISH_ROUTES
    elif line.checked_against == CheckedAgainst.FIELD_NOTES:
        assert line.last_verified == CHECKED_AGAINST_FIELD_NOTES
    else:
        assert line.last_verified == CHECKED_AGAINST_SOURCES


@pytest.mark.parametrize("line", HELPLINES, ids=lambda line: line.key)
def test_a_line_not_checked_against_its_own_site_says_why(line: Helpline) -> None:
    if line.key in VERIFIED_AGAINST_OWN_SITE:
        assert line.checked_against == CheckedAgainst.SERVICE_SITE
        assert line.is_verified_against_source
    else:
        assert line.checked_against != CheckedAgainst.SERVICE_SITE
        assert not line.is_verified_against_source
        assert line.check_note


def test_check_summary_tells_a_source_check_from_a_check_against_notes() -> None:
    assert get_helpline("uk-samaritans").check_summary == (
        "Checked against the service's own website on 30 November 2026."
    )
    assert get_helpline("uk-frank").check_summary == (
        "Checked against our own notes on 21 November 2026, not yet against the service's own website."
    )
    assert get_helpline("uk-nhs-111-wales").check_summary == (
        "Checked against other published sources on 30 November 2026, not yet against the service's own website."
    )


def test_no_line_available_in_northern_ireland_offers_111() -> None:
    in_northern_ireland = [line for line in helplines_for(Region.UK) if line.is_available_in(Nation.NORTHERN_IRELAND)]

    assert in_northern_ireland
    assert not [line.key for line in in_northern_ireland if dials_111(line)]


@pytest.mark.parametrize(("nation", "key"), [(Nation.ENGLAND, "uk-nhs-111"), (Nation.WALES, "uk-nhs-111-wales")])
def test_111_in_england_and_wales_says_choose_the_mental_health_option(nation: Nation, key: str) -> None:
    lines_dialling_111 = [line for line in lines_for_nation(nation) if dials_111(line)]

    assert keys(tuple(lines_dialling_111)) == [key]
    assert "choose the mental health option" in lines_dialling_111[0].menu_option


def test_wales_mental_health_option_is_press_2() -> None:
    assert "press 2" in get_helpline("uk-nhs-111-wales").menu_option


def test_every_111_line_belongs_to_one_nation() -> None:
    lines_dialling_111 = [line for line in HELPLINES if dials_111(line)]

    assert {line.nations for line in lines_dialling_111} == {
        (Nation.ENGLAND,),
        (Nation.SCOTLAND,),
        (Nation.WALES,),
    }


@pytest.mark.parametrize(
    ("key", "number", "href"),
    [
        ("uk-nhs-24", "111", "tel:111"),
        ("uk-breathing-space", "0800 83 85 87", "tel:0800838587"),
        ("uk-nhs-111-wales", "111", "tel:111"),
        ("uk-lifeline", "0808 808 8000", "tel:08088088000"),
    ],
)
def test_nation_numbers_are_the_published_ones(key: str, number: str, href: str) -> None:
    contact = get_helpline(key).primary_contact

    assert (contact.value, contact.href) == (number, href)


@pytest.mark.parametrize(
    ("nation", "expected"),
    [
        (Nation.ENGLAND, ["uk-nhs-111"]),
        (Nation.SCOTLAND, ["uk-nhs-24", "uk-breathing-space"]),
        (Nation.WALES, ["uk-nhs-111-wales"]),
        (Nation.NORTHERN_IRELAND, ["uk-lifeline", "uk-ni-gp-out-of-hours"]),
    ],
)
def test_lines_for_each_nation(nation: Nation, expected: list[str]) -> None:
    assert keys(lines_for_nation(nation)) == expected


@pytest.mark.parametrize(
    ("region", "nation", "expected"),
    [
        (Region.UK, None, ["uk-samaritans", "uk-shout"]),
        (Region.UK, Nation.ENGLAND, ["uk-samaritans", "uk-shout", "uk-nhs-111"]),
        (Region.UK, Nation.SCOTLAND, ["uk-samaritans", "uk-shout", "uk-nhs-24", "uk-breathing-space"]),
        (Region.UK, Nation.WALES, ["uk-samaritans", "uk-shout", "uk-nhs-111-wales"]),
        (Region.UK, Nation.NORTHERN_IRELAND, ["uk-samaritans", "uk-shout", "uk-lifeline"]),
        (Region.US, None, ["us-988", "us-crisis-text-line"]),
    ],
)
def test_crisis_lines(region: Region, nation: Nation | None, expected: list[str]) -> None:
    assert keys(crisis_lines(region, nation)) == expected


@pytest.mark.parametrize(
    ("region", "nation", "expected"),
    [
        (Region.UK, None, []),
        (Region.UK, Nation.ENGLAND, ["uk-nhs-111"]),
        (Region.UK, Nation.SCOTLAND, ["uk-nhs-24"]),
        (Region.UK, Nation.WALES, ["uk-nhs-111-wales"]),
        (Region.UK, Nation.NORTHERN_IRELAND, ["uk-ni-gp-out-of-hours"]),
        (Region.US, None, []),
    ],
)
def test_same_day_routes(region: Region, nation: Nation | None, expected: list[str]) -> None:
    assert keys(same_day_routes(region, nation)) == expected


def test_drug_advice_young_people_and_family_lines() -> None:
    assert keys(drug_advice_lines(Region.UK)) == ["uk-frank"]
    assert keys(drug_advice_lines(Region.US)) == ["us-samhsa-helpline", "us-samhsa-help4u"]
    assert keys(young_people_lines(Region.UK)) == ["uk-childline"]
    assert keys(young_people_lines(Region.US)) == []
    assert keys(family_support_lines(Region.UK)) == ["uk-frank"]
    assert keys(family_support_lines(Region.UK, Nation.NORTHERN_IRELAND)) == ["uk-frank", "uk-lifeline"]
    assert keys(family_support_lines(Region.US)) == ["us-988", "us-samhsa-helpline"]


@pytest.mark.parametrize("region", list(Region))
def test_crisis_lines_never_include_drug_advice_or_young_peoples_lines(region: Region) -> None:
    for nation in (None, *Nation):
        crisis = set(keys(crisis_lines(region, nation)))

        assert crisis.isdisjoint(keys(drug_advice_lines(region, nation)))
        assert crisis.isdisjoint(keys(young_people_lines(region, nation)))


def test_nation_lines_for_a_need_list_each_nation_own_routes() -> None:
    same_day = {nation: keys(lines) for nation, lines in nation_lines_for(Category.SAME_DAY)}
    crisis = {nation: keys(lines) for nation, lines in nation_lines_for(Category.CRISIS)}

    assert same_day == {
        Nation.ENGLAND: ["uk-nhs-111"],
        Nation.SCOTLAND: ["uk-nhs-24"],
        Nation.WALES: ["uk-nhs-111-wales"],
        Nation.NORTHERN_IRELAND: ["uk-ni-gp-out-of-hours"],
    }
    assert crisis[Nation.SCOTLAND] == ["uk-nhs-24", "uk-breathing-space"]
    assert crisis[Nation.NORTHERN_IRELAND] == ["uk-lifeline"]
