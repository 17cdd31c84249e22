"""`waypost score QUESTIONNAIRE_ID RESPONSE`: score a FHIR QuestionnaireResponse from a file or stdin.

This is the one module in the package that reads anything besides the packaged questionnaires, and it
only reads the file named on the command line (or standard input).
"""

import json
from pathlib import Path
from typing import Any, TextIO

from waypost.instruments.errors import InstrumentError
from waypost.instruments.registry import get_instrument
from waypost.instruments.scoring import score_questionnaire_response

EXIT_OK = 0
EXIT_BAD_INPUT = 2
STANDARD_INPUT = "-"
USAGE = (
    "usage: waypost score QUESTIONNAIRE_ID RESPONSE\n"
    "\n"
    "Score a FHIR QuestionnaireResponse (JSON). RESPONSE is a file path, or - to read standard input.\n"
    "Prints the score as JSON; exits 2 with one line on standard error when the input is not right.\n"
)


class UnreadableResponse(Exception):
    """The response file could not be read or is not JSON."""


def score_main(argv: list[str], stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    if argv in (["-h"], ["--help"]):
        stdout.write(USAGE)
        return EXIT_OK
    if len(argv) != 2:
        stderr.write("waypost score: expected QUESTIONNAIRE_ID and RESPONSE (a file path, or - for stdin).\n")
        return EXIT_BAD_INPUT
    questionnaire_id, source = argv
    try:
        # Check the id before reading anything, so a typo is reported first.
        get_instrument(questionnaire_id)
        score = score_questionnaire_response(questionnaire_id, read_response(source, stdin))
    except (InstrumentError, UnreadableResponse) as error:
        stderr.write(f"waypost score: {error}\n")
        return EXIT_BAD_INPUT
    stdout.write(json.dumps(score.as_json(), indent=2) + "\n")
    return EXIT_OK


def read_response(source: str, stdin: TextIO) -> Any:
    name = "standard input" if source == STANDARD_INPUT else source
    text = stdin.read() if source == STANDARD_INPUT else read_file(source)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise UnreadableResponse(
            f"{name} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}."
        ) from error


def read_file(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableResponse(f"{path} is not UTF-8 text.") from error
    except OSError as error:
        raise UnreadableResponse(f"cannot read {path}: {error.strerror or error}.") from error
