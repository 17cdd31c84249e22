"""Read a JSON array of objects one object at a time (ijson), so a file of any size needs little memory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import ijson

from waypost.directory.hsds.importing.problems import MalformedFile

BYTE_ORDER_MARK = b"\xef\xbb\xbf"


def first_character(stream: BinaryIO) -> bytes:
    """The first byte that is not white space, leaving the stream after any byte order mark (common, not JSON)."""
    start = stream.read(len(BYTE_ORDER_MARK))
    stream.seek(len(BYTE_ORDER_MARK) if start == BYTE_ORDER_MARK else 0)
    opening = stream.tell()
    while True:
        character = stream.read(1)
        if not character or not character.isspace():
            stream.seek(opening)
            return character


def json_items(path: Path, *, array_key: str, expected: str) -> Iterator[tuple[int, Any]]:
    """(position from 1, item) for each item of a top-level array, or of the array at `array_key` in an object."""
    try:
        stream = path.open("rb")
    except OSError as error:
        raise MalformedFile(f"cannot open {path}: {error.strerror}") from None
    with stream:
        opening = first_character(stream)
        if opening not in (b"[", b"{"):
            raise MalformedFile(f"{path.name} is not JSON: expected {expected}")
        prefix = "item" if opening == b"[" else f"{array_key}.item"
        count = 0
        try:
            for count, item in enumerate(ijson.items(stream, prefix, use_float=True), start=1):
                yield count, item
        except ijson.JSONError as error:
            reason = str(error).splitlines()[0]
            items = f"{count} complete item{'' if count == 1 else 's'}"
            raise MalformedFile(f"{path.name} is not valid JSON after {items}: {reason}") from None
        if count == 0:
            raise MalformedFile(f"{path.name} holds no items: expected {expected}")
