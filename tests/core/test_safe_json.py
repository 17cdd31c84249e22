"""The shared JSON body parser: what it refuses, and that it reads every valid Waypost body unchanged."""

from __future__ import annotations

import json
from typing import Any

import pytest

from waypost.core.safe_json import MAXIMUM_DEPTH, MAXIMUM_INTEGER_DIGITS, UnsafeJson, parse_json


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"[" * (MAXIMUM_DEPTH + 1) + b"]" * (MAXIMUM_DEPTH + 1), "nested more than 32 levels"),
        (b"[" * 5000 + b"]" * 5000, "nested more than 32 levels"),
        (b'{"a": ' * 900 + b"1" + b"}" * 900, "nested more than 32 levels"),
        (b"[" + b"9" * (MAXIMUM_INTEGER_DIGITS + 1) + b"]", "longer than 32 digits"),
        (b"-" + b"9" * 5000, "longer than 32 digits"),
        (b"[1e400]", "too large to represent"),
        (b"[NaN]", "NaN, which is not a JSON number"),
        (b"[-Infinity]", "-Infinity, which is not a JSON number"),
        (b'["\\ud800"]', "lone surrogate"),
        (b'{"\\udfff": 1}', "lone surrogate"),
        (b'["\xed\xa0\x80"]', "not UTF-8 (byte 2"),
        (b'["\xff"]', "not UTF-8 (byte 2"),
        (b"\xff\xfe[\x001\x00]\x00", "not UTF-8 (byte 0"),
        (b"{not json", "not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)"),
        (b"", "not valid JSON"),
    ],
)
def test_refuses_what_would_crash_or_mislead_the_server(raw: bytes, reason: str) -> None:
    with pytest.raises(UnsafeJson) as refused:
        parse_json(raw)

    assert reason in str(refused.value)


@pytest.mark.parametrize(
    "value",
    [
        {"for_whom": "self", "consent": True, "best_times": ["any-time"], "help_with": 'née [not {nested}] \\ " ok'},
        [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],
        {"n": -(10**31), "x": 1.5e300, "emoji": "\U0001f600", "nul": "\u0000"},
        "a string with [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ brackets",
    ],
)
def test_reads_valid_json_unchanged(value: Any) -> None:
    assert parse_json(json.dumps(value).encode()) == value
    assert parse_json(json.dumps(value, ensure_ascii=False).encode()) == value
