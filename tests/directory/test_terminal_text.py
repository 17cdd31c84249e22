from __future__ import annotations

import pytest

from waypost.directory.management.terminal_text import printable


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Plain words, café, 電話", "Plain words, café, 電話"),
        ("\x1b[31mred", "\\x1b[31mred"),
        ("bell\x07", "bell\\x07"),
        ("line\nbreak\ttab\rreturn", "line\\nbreak\\ttab\\rreturn"),
        ("delete\x7f", "delete\\x7f"),
        ("c1 \x9b31m \x85", "c1 \\x9b31m \\x85"),
        ("\u202eright-to-left override", "\\u202eright-to-left override"),
        ("isolates \u2066\u2067\u2068\u2069", "isolates \\u2066\\u2067\\u2068\\u2069"),
        ("marks \u200e\u200f\u061c", "marks \\u200e\\u200f\\u061c"),
        ("separators \u2028\u2029", "separators \\u2028\\u2029"),
        ("a backslash \\x1b stays as typed", "a backslash \\\\x1b stays as typed"),
    ],
    ids=[
        "plain",
        "escape",
        "bell",
        "c0-whitespace",
        "delete",
        "c1",
        "bidi-override",
        "bidi-isolates",
        "marks",
        "separators",
        "backslash",
    ],
)
def test_control_and_bidi_characters_become_visible_escapes(text: str, shown: str) -> None:
    assert printable(text) == shown
