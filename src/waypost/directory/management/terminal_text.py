"""Text from the public made safe to print on an operator's terminal.

Control characters (C0, DEL, C1, so every escape sequence), format characters (bidirectional overrides and
isolates, zero-width marks) and line or paragraph separators could move the cursor, recolour or rewrite the
screen, or reorder what the operator reads. Each is shown as its Python escape instead, and a backslash is
doubled so that typed escapes cannot pass for real ones.
"""

from __future__ import annotations

import unicodedata

HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})


def printable(text: str) -> str:
    return "".join(visible(character) for character in text)


def visible(character: str) -> str:
    if character == "\\":
        return "\\\\"
    if unicodedata.category(character) in HIDDEN_CATEGORIES:
        return character.encode("unicode_escape").decode("ascii")
    return character
