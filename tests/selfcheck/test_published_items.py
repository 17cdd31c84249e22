"""Published items reach the pages whole, and Change links keep the new questions consistent with the path."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from tests.selfcheck.walker import walk
from waypost.instruments.registry import get_questionnaire
from waypost.instruments.terminology import NEARLY_EVERY_DAY, NOT_AT_ALL, YES

pytestmark = pytest.mark.django_db

POSITIVE_PHQ2 = {"phq-9.1": NEARLY_EVERY_DAY, "phq-9.2": NEARLY_EVERY_DAY}


def item_text(questionnaire_id: str, link_id: str) -> str:
    text: str = next(item["text"] for item in get_questionnaire(questionnaire_id)["item"] if item["linkId"] == link_id)
    return text


def page_text(client: Client, url: str) -> str:
    return html.unescape(client.get(url).content.decode())


def test_phq9_item_8_is_whole_on_its_question_page_and_on_check_answers(member_of_the_public: Client) -> None:
    asked = walk(member_of_the_public, POSITIVE_PHQ2)

    whole = item_text("phq-9", "8")
    assert "phq-9.8" in asked
    assert whole in page_text(member_of_the_public, "/check/question/phq-9.8?change=1")
    assert whole in page_text(member_of_the_public, "/check/answers")


def test_the_difficulty_item_and_withdrawal_feelings_are_asked_and_listed(member_of_the_public: Client) -> None:
    asked = walk(member_of_the_public, POSITIVE_PHQ2)

    assert asked[asked.index("phq-9.9") + 1] == "phq-9.10"
    assert "ketamine-use-signs.withdrawal-feelings" in asked
    answers_page = page_text(member_of_the_public, "/check/answers")
    assert item_text("phq-9", "10") in answers_page
    assert "When you go without ketamine, do you feel unwell, low, anxious or restless?" in answers_page


def test_changing_the_mood_screen_to_negative_drops_the_difficulty_answer(member_of_the_public: Client) -> None:
    walk(member_of_the_public, POSITIVE_PHQ2)

    member_of_the_public.post("/check/question/phq-9.1?change=1", {"answer": NOT_AT_ALL})
    response = member_of_the_public.post("/check/question/phq-9.2?change=1", {"answer": NOT_AT_ALL})

    assert response["Location"] == "/check/answers"
    answers = member_of_the_public.session["selfcheck"]["answers"]
    assert answers["phq-9"] == {"1": NOT_AT_ALL, "2": NOT_AT_ALL}


def test_changing_to_someone_i_care_about_asks_their_age_group_next(member_of_the_public: Client) -> None:
    walk(member_of_the_public, {"safety.self-harm-thoughts": YES})

    response = member_of_the_public.post("/check/question/journey.who?change=1", {"answer": "family"})

    assert response["Location"] == "/check/question/journey.age-group"
    assert "safety" in member_of_the_public.session["selfcheck"]["answers"]
    assert "self-harm-thoughts" not in member_of_the_public.session["selfcheck"]["answers"]["safety"]
