"""`waypost score QUESTIONNAIRE_ID RESPONSE`: exit codes, output and one-line errors."""

import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.instruments.builders import answers_totalling, questionnaire_response
from waypost.instruments.cli import score_main
from waypost.instruments.terminology import SEVERAL_DAYS, YES


def run(argv: list[str], stdin_text: str = "") -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    exit_code = score_main(argv, io.StringIO(stdin_text), stdout, stderr)
    return exit_code, stdout.getvalue(), stderr.getvalue()


def write_json(tmp_path: Path, content: Any) -> str:
    path = tmp_path / "response.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    return str(path)


def test_prints_the_score_of_a_response_file_and_exits_zero(tmp_path: Path) -> None:
    response = questionnaire_response("phq-9", {**answers_totalling("phq-9", 10), "9": SEVERAL_DAYS})
    exit_code, output, errors = run(["phq-9", write_json(tmp_path, response)])
    assert (exit_code, errors) == (0, "")
    assert json.loads(output) == {
        "questionnaire": "phq-9",
        "total": 11,
        "band": "moderate",
        "band_label": "Moderate symptoms of depression.",
        "complete": True,
        "flags": ["self-harm-thoughts"],
    }


def test_reads_the_response_from_standard_input_when_given_a_dash() -> None:
    response = questionnaire_response("dast-10", {"1": YES})
    exit_code, output, _ = run(["dast-10", "-"], json.dumps(response))
    assert exit_code == 0
    assert json.loads(output)["total"] == 1


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_prints_usage_for_help(flag: str) -> None:
    exit_code, output, _ = run([flag])
    assert exit_code == 0
    assert output.startswith("usage: waypost score QUESTIONNAIRE_ID RESPONSE")


@pytest.mark.parametrize("argv", [[], ["phq-9"], ["phq-9", "a.json", "b.json"]])
def test_exits_two_when_the_arguments_are_wrong(argv: list[str]) -> None:
    assert run(argv) == (
        2,
        "",
        "waypost score: expected QUESTIONNAIRE_ID and RESPONSE (a file path, or - for stdin).\n",
    )


def test_exits_two_for_an_unknown_questionnaire_before_reading_the_file() -> None:
    assert run(["audit", "/nowhere/response.json"]) == (
        2,
        "",
        "waypost score: There is no questionnaire called 'audit'.\n",
    )


def test_exits_two_when_the_file_is_missing(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    assert run(["phq-9", str(missing)]) == (
        2,
        "",
        f"waypost score: cannot read {missing}: No such file or directory.\n",
    )


def test_exits_two_when_the_path_is_a_folder(tmp_path: Path) -> None:
    assert run(["phq-9", str(tmp_path)]) == (
        2,
        "",
        f"waypost score: cannot read {tmp_path}: Is a directory.\n",
    )


def test_exits_two_when_the_file_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "response.json"
    path.write_bytes(b"\xff\xfe\x00")
    assert run(["phq-9", str(path)]) == (2, "", f"waypost score: {path} is not UTF-8 text.\n")


def test_exits_two_when_the_file_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "response.json"
    path.write_text("{not json", encoding="utf-8")
    assert run(["phq-9", str(path)]) == (
        2,
        "",
        f"waypost score: {path} is not valid JSON: Expecting property name enclosed in double quotes "
        "at line 1, column 2.\n",
    )


def test_names_standard_input_when_it_is_not_json() -> None:
    exit_code, _, errors = run(["phq-9", "-"], "")
    assert (exit_code, errors) == (
        2,
        "waypost score: standard input is not valid JSON: Expecting value at line 1, column 1.\n",
    )


def test_exits_two_for_an_unknown_link_id(tmp_path: Path) -> None:
    response = {"resourceType": "QuestionnaireResponse", "item": [{"linkId": "42", "answer": []}]}
    assert run(["phq-9", write_json(tmp_path, response)]) == (
        2,
        "",
        "waypost score: The questionnaire 'phq-9' has no question '42'.\n",
    )


def test_exits_two_for_an_answer_that_is_not_an_option(tmp_path: Path) -> None:
    response = {
        "resourceType": "QuestionnaireResponse",
        "item": [{"linkId": "1", "answer": [{"valueCoding": {"code": "LA33-6"}}]}],
    }
    assert run(["phq-9", write_json(tmp_path, response)]) == (
        2,
        "",
        "waypost score: 'LA33-6' is not one of the answers to question '1' of 'phq-9'.\n",
    )


def test_prints_the_red_flags_a_carer_reports_about_someone_else(tmp_path: Path) -> None:
    answers = {"hard-to-wake": YES, "talks-of-ending-life-or-self-harm": YES, "uses-more": YES}
    response = questionnaire_response("ketamine-signs-observed", answers)
    exit_code, output, errors = run(["ketamine-signs-observed", write_json(tmp_path, response)])
    assert (exit_code, errors) == (0, "")
    assert json.loads(output)["flags"] == ["hard-to-wake", "talks-of-ending-life-or-self-harm"]
    assert json.loads(output)["total"] == 1
