from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import textstat

from waypost.content.library import CITATION_MARKER, ContentError, all_pages, load_pages, parse_page
from waypost.content.rendering import HELPLINE_PLACEHOLDER, plain_text, render_page
from waypost.core.helplines import HELPLINES_BY_KEY

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
PHONE_NUMBER = re.compile(r"(?<![\w.-])(?:\d[\d ()-]{5,}\d|999|911|111|988|112)(?![\w.-])")


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
    page = all_pages()[slug]

    for target in re.findall(r"\]\((/[^)\s]*)\)", page.body):
        if target.startswith("/learn/"):
            assert target.removeprefix("/learn/").split("#")[0] in all_pages(), target
        else:
            assert target.split("#")[0] in {"/check/", "/urgent", "/contact/", "/services/", "/learn/"}, target
    assert set(page.related) <= set(all_pages())


@pytest.mark.parametrize("slug", PAGES)
def test_phone_numbers_come_only_from_the_helpline_registry(slug: str) -> None:
    page = all_pages()[slug]
    body_without_placeholders = CITATION_MARKER.sub("", HELPLINE_PLACEHOLDER.sub("", page.body))

    assert PHONE_NUMBER.findall(body_without_placeholders) == []
    assert set(HELPLINE_PLACEHOLDER.findall(page.body)) <= set(HELPLINES_BY_KEY)


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
    text = (
        "---\nslug: other\ntitle: T\nsummary: S\naudience: everyone\nlast_reviewed: 2026-01-01\n"
        "reviewed_by: R\nrelated: []\nsources: []\n---\nBody\n"
    )
    (tmp_path / "page.md").write_text(text)

    with pytest.raises(ContentError, match="slug 'other' must match the file name"):
        load_pages([tmp_path / "page.md"])


@pytest.mark.parametrize("slug", PAGES)
def test_page_body_has_no_raw_html(slug: str) -> None:
    assert re.findall(r"</?[a-zA-Z][^>]*>", all_pages()[slug].body) == []


@pytest.mark.parametrize("slug", PAGES)
def test_page_is_long_enough_to_answer_and_short_enough_to_read(slug: str) -> None:
    word_count = len(plain_text(all_pages()[slug]).split())

    assert 350 <= word_count <= 900, f"{slug} has {word_count} words"
