"""Responses scored per second on one core, and the self-check pages against a bare view.

Run: `python -m benchmarks.scoring` (needs wrk: `apt-get install wrk`). Target: at least 20,000 scored/s.
"""

from __future__ import annotations

import random
import time

from benchmarks.harness import BARE_PATH, measure, print_table, production_server
from waypost.instruments.registry import get_instrument, list_questionnaire_ids
from waypost.instruments.scoring import score_answers, score_questionnaire_response

RESPONSES_PER_INSTRUMENT = 500
SECONDS_PER_RUN = 3.0


def random_answers(questionnaire_id: str, generator: random.Random) -> dict[str, str]:
    return {item.link_id: generator.choice(item.options).code for item in get_instrument(questionnaire_id).questions}


def as_questionnaire_response(questionnaire_id: str, answers: dict[str, str]) -> dict[str, object]:
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"Questionnaire/{questionnaire_id}",
        "status": "completed",
        "item": [{"linkId": link, "answer": [{"valueCoding": {"code": code}}]} for link, code in answers.items()],
    }


def scored_per_second(work: list[tuple[str, dict[str, object]]], score: object) -> float:
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < SECONDS_PER_RUN:
        for questionnaire_id, payload in work:
            score(questionnaire_id, payload)  # type: ignore[operator]
        count += len(work)
    return count / (time.perf_counter() - started)


def main() -> None:
    generator = random.Random(2026)
    answer_sets = [
        (questionnaire_id, random_answers(questionnaire_id, generator))
        for questionnaire_id in list_questionnaire_ids()
        for _ in range(RESPONSES_PER_INSTRUMENT)
    ]
    responses = [(qid, as_questionnaire_response(qid, answers)) for qid, answers in answer_sets]
    print("In-process scoring on one core, all 8 questionnaires mixed (target >= 20,000/s)")
    print(f"  coded answers:             {scored_per_second(answer_sets, score_answers):>10,.0f} scored/s")  # type: ignore[arg-type]
    print(f"  FHIR QuestionnaireResponse: {scored_per_second(responses, score_questionnaire_response):>9,.0f} scored/s")

    with production_server() as (base_url, _environment):
        baseline = measure(base_url, BARE_PATH)
        rows = [baseline, measure(base_url, "/check/"), measure(base_url, "/check/question/safety.danger-now")]
    print_table("Self-check pages under gunicorn, 2 workers x 4 threads, wrk 2x16 connections", rows, baseline)


if __name__ == "__main__":
    main()
