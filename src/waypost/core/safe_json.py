"""Parse an untrusted JSON request body without letting its shape crash the server.

One parser for every public JSON endpoint (the API and FHIR `$extract`, ADR 0017). It refuses, with a
message a client can act on: bytes that are not UTF-8, nesting deeper than `MAXIMUM_DEPTH` (which would
otherwise end in a RecursionError in the parser or in code that walks the result), integers longer than
`MAXIMUM_INTEGER_DIGITS` (Python's own limit is a ValueError), NaN and Infinity (not JSON), and text
holding a lone surrogate such as "\\ud800" (which cannot be encoded, so encryption would fail).
Pure Python with no Django imports.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAXIMUM_DEPTH = 32
MAXIMUM_INTEGER_DIGITS = 32
OPENING_BRACKETS = (b"[", b"{")
# A JSON string, escapes included: brackets inside one do not nest anything
STRING_LITERAL = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
BRACKET = re.compile(rb"[\[\]{}]")


class UnsafeJson(ValueError):
    """The body cannot be accepted; the message says why in words a client developer can act on."""


def parse_json(raw: bytes) -> Any:
    text = decoded_utf8(raw)
    require_shallow(raw)
    try:
        value = json.loads(text, parse_int=bounded_integer, parse_float=finite_number, parse_constant=refuse_constant)
    except json.JSONDecodeError as error:
        raise UnsafeJson(
            f"The body is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    require_encodable_text(value)
    return value


def decoded_utf8(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnsafeJson(f"The body is not UTF-8 (byte {error.start} cannot be read)") from None


def require_shallow(raw: bytes) -> None:
    """Count bracket depth outside strings before parsing, so deep nesting never reaches a recursive parser."""
    depth = 0
    for bracket in BRACKET.findall(STRING_LITERAL.sub(b"", raw)):
        depth += 1 if bracket in OPENING_BRACKETS else -1
        if depth > MAXIMUM_DEPTH:
            raise UnsafeJson(f"The body is nested more than {MAXIMUM_DEPTH} levels deep")


def bounded_integer(digits: str) -> int:
    if len(digits.lstrip("-")) > MAXIMUM_INTEGER_DIGITS:
        raise UnsafeJson(f"The body holds a number longer than {MAXIMUM_INTEGER_DIGITS} digits")
    return int(digits)


def finite_number(text: str) -> float:
    number = float(text)
    if math.isinf(number):
        raise UnsafeJson("The body holds a number too large to represent")
    return number


def refuse_constant(name: str) -> Any:
    raise UnsafeJson(f"The body holds {name}, which is not a JSON number")


def require_encodable_text(value: Any) -> None:
    """Walk the parsed value (already known to be shallow) for text that is not valid Unicode."""
    pending = [value]
    while pending:
        current = pending.pop()
        if isinstance(current, dict):
            pending.extend(current.keys())
            pending.extend(current.values())
        elif isinstance(current, list):
            pending.extend(current)
        elif isinstance(current, str) and not is_encodable(current):
            raise UnsafeJson("The body holds text with a lone surrogate (like \\ud800), which is not valid Unicode")


def is_encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
