from __future__ import annotations

import pytest

from waypost.core.content_coding import preferred_coding

ALL_CODINGS = ("identity", "gzip", "br")


@pytest.mark.parametrize(
    ("accept_encoding", "available", "expected"),
    [
        ("", ALL_CODINGS, "identity"),
        ("gzip", ALL_CODINGS, "gzip"),
        ("gzip, deflate, br, zstd", ALL_CODINGS, "br"),
        ("br", ("identity", "gzip"), "identity"),
        ("gzip;q=1.0, br;q=0.5", ALL_CODINGS, "gzip"),
        ("br;q=0, gzip", ALL_CODINGS, "gzip"),
        ("*", ALL_CODINGS, "br"),
        ("*;q=0.5, br;q=0", ALL_CODINGS, "gzip"),
        ("GZIP", ALL_CODINGS, "gzip"),
        ("gzip;q=nonsense", ALL_CODINGS, "identity"),
        ("deflate", ALL_CODINGS, "identity"),
    ],
)
def test_chooses_the_best_coding_the_browser_accepts(
    accept_encoding: str, available: tuple[str, ...], expected: str
) -> None:
    assert preferred_coding(accept_encoding, available) == expected
