from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from tests.selfcheck.walker import FIRST_QUESTION, continue_from_stop_page, walk
from waypost.instruments.terminology import NO, YES


def test_start_page_explains_privacy_and_sets_no_cookie(member_of_the_public: Client) -> None:
    response = member_of_the_public.get("/check/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "we do not keep your answers" in html
    assert f'href="{FIRST_QUESTION}"' in html
    assert response.cookies == {}


def test_first_question_asks_about_danger_and_names_its_part_of_the_check(member_of_the_public: Client) -> None:
    html = member_of_the_public.get(FIRST_QUESTION).content.decode()

    assert '<h1 class="fieldset__heading">Is anyone in danger right now?</h1>' in html
    assert '<p class="progress">Part 1 of 5: about this check</p>' in html
    assert "checked" not in html


@pytest.mark.parametrize("slug", ["safety.danger-now", "safety.thoughts-of-ending-life", "phq-9.1"])
def test_question_titles_carry_only_the_question_number_never_its_text(member_of_the_public: Client, slug: str) -> None:
    asked = walk(member_of_the_public)

    html = member_of_the_public.get(f"/check/question/{slug}?change=1").content.decode()

    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title is not None
    assert title.group(1) == f"Question {asked.index(slug) + 1} \N{EN DASH} Waypost"


def test_start_page_says_how_long_each_path_takes(member_of_the_public: Client) -> None:
    html = member_of_the_public.get("/check/").content.decode()

    assert "It takes up to 8 minutes for yourself, or up to 3 minutes for someone you care about." in html


def test_continuing_without_an_answer_shows_the_error_summary(member_of_the_public: Client) -> None:
    response = member_of_the_public.post(FIRST_QUESTION, {})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Question 1 \N{EN DASH} " in html
    assert "There is a problem" in html
    assert '<a href="#id_answer_0">Select yes or no</a>' in html


def test_an_answer_that_is_not_offered_is_refused(member_of_the_public: Client) -> None:
    response = member_of_the_public.post(FIRST_QUESTION, {"answer": "maybe"})

    assert "Select yes or no" in response.content.decode()


def test_someone_in_danger_goes_straight_to_the_stop_and_call_page(member_of_the_public: Client) -> None:
    response = member_of_the_public.post(FIRST_QUESTION, {"answer": YES})

    assert response.status_code == 302
    assert response["Location"] == "/check/stop"


def test_whole_journey_reaches_check_answers_and_results(member_of_the_public: Client) -> None:
    asked = walk(member_of_the_public)

    answers_page = member_of_the_public.get("/check/answers").content.decode()
    results_page = member_of_the_public.get("/check/results").content.decode()
    assert len(asked) == 23
    assert answers_page.count(">Change<span") == 23
    assert "Your results" in results_page
    assert "You answered yes to 0 of the 10 signs we asked about." in results_page
    assert 'href="/learn/reducing-harm"' in results_page


def test_red_flag_answers_put_the_emergency_card_first(member_of_the_public: Client) -> None:
    walk(member_of_the_public, {"safety.thoughts-of-ending-life": YES, "safety.plan-to-act": YES})

    html = member_of_the_public.get("/check/results").content.decode()

    assert html.index("care-card--emergency") < html.index("What your answers suggest")
    assert "Call 999 now" in html
    assert 'href="tel:116123"' in html


def test_family_journey_gives_guidance_for_families(member_of_the_public: Client) -> None:
    asked = walk(member_of_the_public, {"journey.who": "family", "ketamine-signs-observed.uses-more": YES})

    html = member_of_the_public.get("/check/results").content.decode()
    assert len(asked) == 18
    assert "You have noticed 1 of the 10 signs we asked about." in html
    assert 'href="/learn/for-families-and-friends"' in html


def test_change_link_returns_to_check_answers(member_of_the_public: Client) -> None:
    walk(member_of_the_public)

    response = member_of_the_public.post("/check/question/ketamine-use-signs.cravings?change=1", {"answer": YES})

    assert response["Location"] == "/check/answers"
    assert "You answered yes to 1 of the 10" in member_of_the_public.get("/check/results").content.decode()


def test_change_that_opens_a_branch_asks_the_new_questions_first(member_of_the_public: Client) -> None:
    walk(member_of_the_public)

    response = member_of_the_public.post("/check/question/safety.thoughts-of-ending-life?change=1", {"answer": YES})

    # The urgent answer stops the check first; its "Continue the check" then asks the new questions
    _, continue_url = continue_from_stop_page(member_of_the_public)
    assert response["Location"] == "/check/stop"
    assert continue_url == "/check/question/safety.intent-to-act"


def test_question_page_prefills_an_earlier_answer_when_changing(member_of_the_public: Client) -> None:
    walk(member_of_the_public, {"ketamine-use-signs.cravings": YES})

    html = member_of_the_public.get("/check/question/ketamine-use-signs.cravings?change=1").content.decode()

    assert 'value="LA33-6" checked' in html
    assert 'href="/check/answers" class="back-link"' in html


def test_results_before_finishing_send_you_to_the_next_question(member_of_the_public: Client) -> None:
    member_of_the_public.post(FIRST_QUESTION, {"answer": NO})

    response = member_of_the_public.get("/check/results")

    assert response["Location"] == "/check/question/journey.who"


def test_check_answers_before_finishing_sends_you_to_the_next_question(member_of_the_public: Client) -> None:
    member_of_the_public.post(FIRST_QUESTION, {"answer": NO})

    response = member_of_the_public.get("/check/answers")

    assert response["Location"] == "/check/question/journey.who"


@pytest.mark.parametrize("url", ["/check/answers", "/check/results"])
def test_check_answers_and_results_without_a_session_say_answers_expired(
    member_of_the_public: Client, url: str
) -> None:
    response = member_of_the_public.get(url)

    assert response["Location"] == "/check/expired"


def test_later_question_without_a_session_says_answers_expired(member_of_the_public: Client) -> None:
    response = member_of_the_public.get("/check/question/journey.who", follow=True)

    assert response.redirect_chain == [("/check/expired", 302)]
    assert "Your answers have expired \N{EN DASH} start again" in response.content.decode()


def test_tampered_cookie_is_treated_as_expired_never_an_error(member_of_the_public: Client) -> None:
    walk(member_of_the_public)
    member_of_the_public.cookies["sessionid"] = "tampered" + member_of_the_public.cookies["sessionid"].value[8:]

    response = member_of_the_public.get("/check/results", follow=True)

    assert response.status_code == 200
    assert "Your answers have expired" in response.content.decode()


def test_answers_expire_after_30_minutes_without_activity(member_of_the_public: Client) -> None:
    start = datetime.datetime(2026, 11, 21, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        walk(member_of_the_public)
    with time_machine.travel(start + datetime.timedelta(minutes=29), tick=False):
        assert member_of_the_public.get("/check/results").status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=60), tick=False):
        response = member_of_the_public.get("/check/results")

    assert response["Location"] == "/check/expired"


def test_clear_my_answers_forgets_everything(member_of_the_public: Client) -> None:
    walk(member_of_the_public)

    response = member_of_the_public.post("/check/clear", follow=True)

    assert "Your answers have been cleared." in response.content.decode()
    assert member_of_the_public.get("/check/results")["Location"] == "/check/expired"


def test_unknown_question_sends_you_back_on_the_path(member_of_the_public: Client) -> None:
    member_of_the_public.post(FIRST_QUESTION, {"answer": NO})

    response = member_of_the_public.get("/check/question/no-such.question")

    assert response["Location"] == "/check/question/journey.who"


@override_settings(DISABLED_INSTRUMENTS=frozenset({"phq-9", "gad-7"}))
def test_switched_off_questionnaires_are_not_asked(member_of_the_public: Client) -> None:
    asked = walk(member_of_the_public)

    assert not any(slug.startswith(("phq-9.", "gad-7.")) for slug in asked)


def test_a_questionnaire_switched_off_and_on_again_follows_the_setting_each_time() -> None:
    # The offered questionnaires are worked out once per setting (ADR 0057): never from the setting before
    def asks_phq_9() -> bool:
        return any(slug.startswith("phq-9.") for slug in walk(Client()))

    before = asks_phq_9()
    with override_settings(DISABLED_INSTRUMENTS=frozenset({"phq-9"})):
        switched_off = asks_phq_9()
    after = asks_phq_9()

    assert (before, switched_off, after) == (True, False, True)


def table_contents() -> dict[str, list[tuple[object, ...]]]:
    with connection.cursor() as cursor:
        contents = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - names from the database
            contents[table] = sorted(map(repr, cursor.fetchall()))
        return contents  # type: ignore[return-value]


@pytest.mark.django_db
def test_a_whole_journey_stores_nothing_in_any_table(member_of_the_public: Client) -> None:
    before = table_contents()

    walk(member_of_the_public, {"safety.mixing-with-depressants": YES, "journey.bladder-gate": YES})
    member_of_the_public.get("/check/answers")
    member_of_the_public.get("/check/results")

    assert table_contents() == before


def test_form_pages_let_the_browser_name_this_site_as_origin(member_of_the_public: Client) -> None:
    # Under no-referrer, Chromium sends `Origin: null` with the POST and Django's CSRF check refuses it
    response = member_of_the_public.get(FIRST_QUESTION)

    assert response["Referrer-Policy"] == "same-origin"
    assert member_of_the_public.get("/check/")["Referrer-Policy"] == "no-referrer"


def test_check_answers_has_a_change_link_to_each_question_asked(member_of_the_public: Client) -> None:
    asked = walk(member_of_the_public)

    html = member_of_the_public.get("/check/answers").content.decode()

    links = re.findall(r'<a href="(/check/question/[^"]+)">Change<', html)
    assert links == [reverse("selfcheck:question", args=[slug]) + "?change=1" for slug in asked]
