from __future__ import annotations

from waypost.intake.pages import PAGES

HONEYPOT = "website"


def test_every_question_has_a_label_on_check_answers_and_the_honeypot_has_none() -> None:
    for page in PAGES.values():
        assert set(page.summary_labels) == set(page.form_class.base_fields) - {HONEYPOT}, page.slug
