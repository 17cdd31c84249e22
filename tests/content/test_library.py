from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import textstat

from tests.content.page_checks import (
    assert_links_only_to_pages_that_exist,
    assert_phone_numbers_come_only_from_the_registry,
)
from waypost.content.library import (
    SECONDARY_SOURCE_DOMAINS,
    ContentError,
    all_pages,
    load_pages,
    parse_page,
)
from waypost.content.rendering import plain_text, render_page

PAGES = sorted(all_pages())
REQUIRED_TOPICS = {
    "what-is-ketamine",
    "therapeutic-use-versus-misuse",
    "effects-now",
    "long-term-harms",
    "ketamine-bladder",
    "mixing-and-overdose",
    "is-ketamine-addictive",
    "warning-signs",
    "myths-and-facts",
    "reducing-harm",
    "treatment-options",
    "for-families-and-friends",
    "recovery-and-relapse",
    "the-law",
}
READING_GRADE_CEILING = 7.0  # Flesch-Kincaid grade 7 is a reading age of about 12


def test_every_required_topic_has_a_page() -> None:
    assert set(PAGES) >= REQUIRED_TOPICS


@pytest.mark.parametrize("slug", PAGES)
def test_page_has_sources_a_review_date_and_a_reviewer(slug: str) -> None:
    page = all_pages()[slug]

    assert len(page.sources) >= 2
    assert page.reviewed_by.strip()
    assert page.last_reviewed <= datetime.datetime.now(tz=datetime.UTC).date()
    assert all(source.url.startswith("https://") for source in page.sources)


@pytest.mark.parametrize("slug", PAGES)
def test_every_citation_resolves_and_every_source_is_cited(slug: str) -> None:
    page = all_pages()[slug]
    rendered = render_page(page)

    assert {item.source.key for item in rendered.sources} == {source.key for source in page.sources}
    assert [item.number for item in rendered.sources] == list(range(1, len(page.sources) + 1))
    for number in range(1, len(page.sources) + 1):
        assert f'href="#source-{number}"' in rendered.body_html


@pytest.mark.parametrize("slug", PAGES)
def test_every_internal_link_resolves(slug: str) -> None:
    assert_links_only_to_pages_that_exist(all_pages()[slug])


@pytest.mark.parametrize("slug", PAGES)
def test_phone_numbers_come_only_from_the_helpline_registry(slug: str) -> None:
    assert_phone_numbers_come_only_from_the_registry(all_pages()[slug])


@pytest.mark.parametrize("slug", PAGES)
def test_reading_age_stays_under_the_ceiling(slug: str) -> None:
    grade = textstat.flesch_kincaid_grade(plain_text(all_pages()[slug]))

    assert grade <= READING_GRADE_CEILING, f"{slug} reads at grade {grade}"


def test_refuses_a_page_without_front_matter() -> None:
    with pytest.raises(ContentError, match="must start with front matter"):
        parse_page("# Just a heading\n", "bad.md")


def test_refuses_a_page_with_missing_fields() -> None:
    with pytest.raises(ContentError, match=r"bad\.md: missing audience, last_reviewed"):
        parse_page(
            "---\nslug: bad\ntitle: T\nsummary: S\nreviewed_by: R\nrelated: []\nsources: []\n---\nBody\n",
            "bad.md",
        )


def test_refuses_a_page_whose_slug_differs_from_its_file_name(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text(page_text(slug="other"))

    with pytest.raises(ContentError, match="slug 'other' must match the file name"):
        load_pages([tmp_path / "page.md"])


@pytest.mark.parametrize("slug", PAGES)
def test_page_body_has_no_raw_html(slug: str) -> None:
    assert re.findall(r"</?[a-zA-Z][^>]*>", all_pages()[slug].body) == []


@pytest.mark.parametrize("slug", PAGES)
def test_page_is_long_enough_to_answer_and_short_enough_to_read(slug: str) -> None:
    word_count = len(plain_text(all_pages()[slug]).split())

    assert 350 <= word_count <= 900, f"{slug} has {word_count} words"


def page_text(**changes: str) -> str:
    fields = {
        "slug": "page",
        "title": "T",
        "summary": "S",
        "audience": "everyone",
        "last_reviewed": "2026-11-30",
        "reviewed_by": "Waypost content team",
        "clinical_reviewer_role": "addiction psychiatry",
        "clinical_review_status": "pending",
        "next_review_due": "2027-05-30",
        "related": "[]",
        "sources": "[]",
    } | changes
    front_matter = "".join(f"{name}: {value}\n" for name, value in fields.items() if value != "<absent>")
    return f"---\n{front_matter}---\nBody\n"


@pytest.mark.parametrize("slug", PAGES)
def test_page_names_its_clinical_reviewer_role_and_when_it_is_next_reviewed(slug: str) -> None:
    page = all_pages()[slug]

    assert page.clinical_reviewer_role
    assert page.clinical_review_status in {"pending", "complete"}
    assert page.last_reviewed < page.next_review_due <= page.last_reviewed + datetime.timedelta(days=366)


@pytest.mark.parametrize("slug", PAGES)
def test_no_page_is_past_its_next_review_date(slug: str) -> None:
    assert all_pages()[slug].next_review_due >= datetime.datetime.now(tz=datetime.UTC).date()


@pytest.mark.parametrize("field", ["clinical_reviewer_role", "clinical_review_status", "next_review_due"])
def test_refuses_a_page_without_its_review_fields(field: str) -> None:
    with pytest.raises(ContentError, match=f"page.md: missing {field}"):
        parse_page(page_text(**{field: "<absent>"}), "page.md")


@pytest.mark.parametrize("next_review_due", ["2026-11-30", "2026-11-01", "2027-12-02"])
def test_refuses_a_next_review_date_that_is_not_within_a_year_after_the_review(next_review_due: str) -> None:
    with pytest.raises(ContentError, match="next_review_due must fall after last_reviewed and within a year"):
        parse_page(page_text(next_review_due=next_review_due), "page.md")


def test_refuses_a_blank_clinical_reviewer_role() -> None:
    with pytest.raises(ContentError, match="clinical_reviewer_role must name the reviewer's role"):
        parse_page(page_text(clinical_reviewer_role='""'), "page.md")


@pytest.mark.parametrize(("status", "is_reviewed"), [("pending", False), ("complete", True)])
def test_only_a_completed_clinical_review_counts_as_reviewed(status: str, is_reviewed: bool) -> None:
    assert parse_page(page_text(clinical_review_status=status), "page.md").is_clinically_reviewed is is_reviewed


def test_refuses_an_unknown_clinical_review_status() -> None:
    with pytest.raises(ContentError, match="clinical_review_status must be one of pending, complete"):
        parse_page(page_text(clinical_review_status="done"), "page.md")


BANNED_SOURCE_URLS = [
    "https://www.news-medical.net/news/20250612/Non-prescribed-ketamine-use-rises-sharply-across-the-UK.aspx",
    "https://uk-times.com/acmd-announces-decision-on-the-classification-of-ketamine/?noamp=mobile",
    "https://nation.cymru/news/ketamine-will-not-be-reclassified-as-class-a-drug-despite-concerns",
    "https://nreppadmin.net/viewintervention_id_378.html",
]


@pytest.mark.parametrize("url", BANNED_SOURCE_URLS)
def test_refuses_a_source_from_press_or_aggregator_coverage(url: str) -> None:
    source = f"\n  - key: press\n    author: A\n    title: T\n    year: 2025\n    url: {url}"

    with pytest.raises(ContentError, match="source press is press or aggregator coverage; cite the original"):
        parse_page(page_text(sources=source), "page.md")


@pytest.mark.parametrize("slug", PAGES)
def test_cites_no_press_coverage_and_no_nrepp(slug: str) -> None:
    for source in all_pages()[slug].sources:
        host = re.sub(r"^https://(www\.)?", "", source.url).split("/")[0]
        assert not any(host.endswith(domain) for domain in SECONDARY_SOURCE_DOMAINS), source.url
        assert "nrepp" not in (source.url + source.author + source.title).lower(), source.key


def sentences(page_slug: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+", all_pages()[page_slug].body)


# (page, words a reader must find, citation marker that must back them in the same sentence)
REQUIRED_FACTS = [
    pytest.param("mixing-and-overdose", "naloxone", "gov-naloxone-2024", id="mixing-and-overdose-naloxone"),
    pytest.param("mixing-and-overdose", "wears off", "cgl-naloxone", id="mixing-and-overdose-naloxone-wears-off"),
    pytest.param(
        "mixing-and-overdose", "recovery position", "nhs-recovery-position", id="mixing-and-overdose-recovery-position"
    ),
    pytest.param("ketamine-bladder", "ketamine uropathy", "chan-2022", id="ketamine-bladder-uropathy"),
    pytest.param(
        "ketamine-bladder", "ketamine-induced ulcerative cystitis", "shahani-2007", id="ketamine-bladder-cystitis"
    ),
    pytest.param("ketamine-bladder", "numb the pain", "cole-dasari-2024", id="ketamine-bladder-numbing-pain"),
    pytest.param("the-law", "20 micrograms per litre", "drug-driving-limits-2014", id="the-law-drug-driving-limit"),
    pytest.param("the-law", "guilty of drug-driving", "think-drug-drive", id="the-law-drug-driving-penalties"),
    pytest.param("the-law", "vary from state to state", "ghsa-drug-driving", id="the-law-us-drug-driving"),
    pytest.param("the-law", "in their pee for weeks", "de-jong-2020", id="the-law-detection-time"),
    pytest.param("for-families-and-friends", "under 18", "hull-scp-young-people", id="families-under-18"),
    pytest.param("for-families-and-friends", "safeguarding", "sussex-cp-young-people", id="families-safeguarding"),
    pytest.param("long-term-harms", "evidence is weak", "mothertobaby-ketamine", id="pregnancy-weak-evidence"),
    pytest.param("long-term-harms", "pregnant women who use drugs", "nice-cg110", id="pregnancy-maternity-support"),
]


@pytest.mark.parametrize(("slug", "words", "marker"), REQUIRED_FACTS)
def test_page_states_the_fact_with_its_citation(slug: str, words: str, marker: str) -> None:
    citing = [sentence for sentence in sentences(slug) if words.lower() in sentence.lower()]

    assert citing, f"{slug} never mentions {words!r}"
    assert any(f"[@{marker}]" in sentence for sentence in citing), f"{slug}: {words!r} is not cited to {marker}"


def test_recovery_position_is_cited_to_the_current_nhs_first_aid_page() -> None:
    sources = {source.key: source for source in all_pages()["mixing-and-overdose"].sources}

    assert sources["nhs-recovery-position"].url == "https://www.nhs.uk/conditions/first-aid/recovery-position/"
