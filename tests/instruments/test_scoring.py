"""Totals and bands against the published scoring, band edge by band edge."""

import pytest

from tests.instruments.builders import all_answers, answers_totalling, questionnaire_response
from waypost.instruments.errors import InvalidResponse, UnknownQuestionnaire
from waypost.instruments.scoring import Score, score_answers, score_questionnaire_response
from waypost.instruments.terminology import (
    MORE_THAN_HALF_THE_DAYS,
    NEARLY_EVERY_DAY,
    NO,
    NOT_AT_ALL,
    SEVERAL_DAYS,
    YES,
)

BAND_EDGES = [
    ("dast-10", 0, "none"),
    ("dast-10", 1, "low"),
    ("dast-10", 2, "low"),
    ("dast-10", 3, "moderate"),
    ("dast-10", 5, "moderate"),
    ("dast-10", 6, "substantial"),
    ("dast-10", 8, "substantial"),
    ("dast-10", 9, "severe"),
    ("dast-10", 10, "severe"),
    ("phq-9", 0, "minimal"),
    ("phq-9", 4, "minimal"),
    ("phq-9", 5, "mild"),
    ("phq-9", 9, "mild"),
    ("phq-9", 10, "moderate"),
    ("phq-9", 14, "moderate"),
    ("phq-9", 15, "moderately-severe"),
    ("phq-9", 19, "moderately-severe"),
    ("phq-9", 20, "severe"),
    ("phq-9", 27, "severe"),
    ("gad-7", 0, "minimal"),
    ("gad-7", 4, "minimal"),
    ("gad-7", 5, "mild"),
    ("gad-7", 9, "mild"),
    ("gad-7", 10, "moderate"),
    ("gad-7", 14, "moderate"),
    ("gad-7", 15, "severe"),
    ("gad-7", 21, "severe"),
    ("ketamine-use-signs", 0, "few"),
    ("ketamine-use-signs", 1, "few"),
    ("ketamine-use-signs", 2, "some"),
    ("ketamine-use-signs", 3, "some"),
    ("ketamine-use-signs", 4, "several"),
    ("ketamine-use-signs", 5, "several"),
    ("ketamine-use-signs", 6, "many"),
    ("ketamine-use-signs", 10, "many"),
    ("ketamine-signs-observed", 0, "few"),
    ("ketamine-signs-observed", 2, "few"),
    ("ketamine-signs-observed", 3, "some"),
    ("ketamine-signs-observed", 5, "some"),
    ("ketamine-signs-observed", 6, "many"),
    ("ketamine-signs-observed", 10, "many"),
    ("bladder-signs", 0, "none"),
    ("bladder-signs", 1, "some"),
    ("bladder-signs", 2, "some"),
    ("bladder-signs", 3, "many"),
    ("bladder-signs", 7, "many"),
]


@pytest.mark.parametrize(("questionnaire_id", "total", "band"), BAND_EDGES)
def test_puts_each_band_edge_in_the_published_band(questionnaire_id: str, total: int, band: str) -> None:
    score = score_answers(questionnaire_id, answers_totalling(questionnaire_id, total))
    assert (score.total, score.band, score.complete) == (total, band, True)


@pytest.mark.parametrize(
    ("questionnaire_id", "total", "label"),
    [
        ("dast-10", 4, "Moderate level of problems related to drug use."),
        ("phq-9", 17, "Moderately severe symptoms of depression."),
        ("gad-7", 12, "Moderate symptoms of anxiety."),
        ("ketamine-use-signs", 3, "You noticed some signs (2 or 3) that ketamine may be causing problems."),
    ],
)
def test_labels_the_band_in_plain_words(questionnaire_id: str, total: int, label: str) -> None:
    assert score_answers(questionnaire_id, answers_totalling(questionnaire_id, total)).band_label == label


def test_scores_item_three_in_reverse() -> None:
    assert score_answers("dast-10", {"3": NO}).total == 1
    assert score_answers("dast-10", {"3": YES}).total == 0
    assert score_answers("dast-10", all_answers("dast-10", YES)).total == 9
    assert score_answers("dast-10", all_answers("dast-10", NO)).total == 1


@pytest.mark.parametrize(
    ("code", "points"),
    [(NOT_AT_ALL, 0), (SEVERAL_DAYS, 1), (MORE_THAN_HALF_THE_DAYS, 2), (NEARLY_EVERY_DAY, 3)],
)
@pytest.mark.parametrize(("questionnaire_id", "questions"), [("phq-9", 9), ("gad-7", 7)])
def test_scores_frequency_answers_zero_to_three(questionnaire_id: str, questions: int, code: str, points: int) -> None:
    assert score_answers(questionnaire_id, all_answers(questionnaire_id, code)).total == questions * points


def test_does_not_score_the_phq_9_difficulty_question() -> None:
    answers = {**all_answers("phq-9", SEVERAL_DAYS), "10": "LA6574-3"}
    assert score_answers("phq-9", answers).total == 9


@pytest.mark.parametrize(
    ("code", "points"),
    [("never-or-almost-never", 0), ("sometimes", 1), ("often", 2), ("always-or-nearly-always", 3)],
)
def test_scores_sds_frequency_answers_zero_to_three(code: str, points: int) -> None:
    assert score_answers("sds", {"1": code}).total == points


def test_scores_sds_difficulty_from_not_difficult_to_impossible() -> None:
    answers = {"1": "sometimes", "2": "sometimes", "3": "often", "4": "often", "5": "impossible"}
    assert score_answers("sds", answers).total == 9
    assert score_answers("sds", {"5": "not-difficult"}).total == 0


@pytest.mark.parametrize("total", [0, 15])
def test_gives_sds_no_band_and_says_there_is_no_agreed_ketamine_cut_off(total: int) -> None:
    score = score_answers("sds", answers_totalling("sds", total))
    assert (score.total, score.band, score.complete) == (total, None, True)
    assert score.band_label is not None
    assert "no agreed cut-off score for ketamine" in score.band_label


def test_does_not_count_withdrawal_feelings_towards_the_ketamine_signs() -> None:
    answers = {**all_answers("ketamine-use-signs", NO), "withdrawal-feelings": YES}
    score = score_answers("ketamine-use-signs", answers)
    assert (score.total, score.band, score.complete) == (0, "few", True)


def test_counts_safety_concerns_without_a_band() -> None:
    answers = {
        "danger-now": NO,
        "mixing-with-depressants": YES,
        "wish-to-be-dead": NO,
        "thoughts-of-ending-life": NO,
        "recent-behaviour": NO,
        "self-harm-thoughts": NO,
    }
    score = score_answers("safety", answers)
    assert (score.total, score.band, score.complete) == (1, None, True)
    assert (
        score.band_label
        == "The safety check is not scored into bands; its answers are checked for safety flags instead."
    )


def test_scores_an_incomplete_response_as_a_running_total_without_a_band() -> None:
    score = score_answers("phq-9", {"1": NEARLY_EVERY_DAY, "2": SEVERAL_DAYS})
    assert score == Score("phq-9", 4, None, None, False, ())


def test_does_not_need_optional_questions_for_completeness() -> None:
    assert score_answers("phq-9", all_answers("phq-9", NOT_AT_ALL)).complete


def test_does_not_need_questions_switched_off_by_skip_logic() -> None:
    answers = {
        "danger-now": NO,
        "mixing-with-depressants": NO,
        "wish-to-be-dead": NO,
        "thoughts-of-ending-life": NO,
        "recent-behaviour": NO,
        "self-harm-thoughts": NO,
    }
    assert score_answers("safety", answers).complete


def test_needs_questions_switched_on_by_skip_logic() -> None:
    answers = {
        "danger-now": NO,
        "mixing-with-depressants": NO,
        "wish-to-be-dead": NO,
        "thoughts-of-ending-life": YES,
        "recent-behaviour": NO,
        "self-harm-thoughts": NO,
    }
    score = score_answers("safety", answers)
    assert not score.complete
    assert score_answers("safety", {**answers, "intent-to-act": NO, "plan-to-act": NO}).complete


def test_ignores_answers_to_questions_switched_off_by_skip_logic() -> None:
    score = score_answers("safety", {"thoughts-of-ending-life": NO, "plan-to-act": YES})
    assert (score.total, score.flags) == (0, ())


def test_serialises_the_score_as_the_documented_json() -> None:
    answers = {**answers_totalling("phq-9", 11), "9": SEVERAL_DAYS}
    assert score_answers("phq-9", answers).as_json() == {
        "questionnaire": "phq-9",
        "total": 12,
        "band": "moderate",
        "band_label": "Moderate symptoms of depression.",
        "complete": True,
        "flags": ["self-harm-thoughts"],
    }


def test_serialises_an_unbanded_incomplete_score_with_nulls() -> None:
    assert score_answers("sds", {}).as_json() == {
        "questionnaire": "sds",
        "total": 0,
        "band": None,
        "band_label": None,
        "complete": False,
        "flags": [],
    }


def test_scores_a_questionnaire_response_the_same_as_its_answers() -> None:
    answers = answers_totalling("gad-7", 16)
    response = questionnaire_response("gad-7", answers)
    assert score_questionnaire_response("gad-7", response) == score_answers("gad-7", answers)


def test_rejects_answers_for_an_unknown_questionnaire() -> None:
    with pytest.raises(UnknownQuestionnaire):
        score_answers("cage", {})


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"11": YES}, "The questionnaire 'dast-10' has no question '11'."),
        ({"3": "LA6568-5"}, "'LA6568-5' is not one of the answers to question '3' of 'dast-10'."),
        ({"total": "5"}, "Item 'total' of 'dast-10' is not a question that takes an answer."),
        ({"intro": YES}, "Item 'intro' of 'dast-10' is not a question that takes an answer."),
        ({"3": 1}, r"Answers must map each question's linkId \(text\) to an answer code \(text\)."),
        ({3: YES}, r"Answers must map each question's linkId \(text\) to an answer code \(text\)."),
        ([("3", YES)], "Answers must map each question's linkId to an answer code."),
    ],
)
def test_rejects_answers_that_do_not_fit_the_questionnaire(answers: object, message: str) -> None:
    with pytest.raises(InvalidResponse, match=f"^{message}$"):
        score_answers("dast-10", answers)  # type: ignore[arg-type]
