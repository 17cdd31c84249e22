"""How long browsers keep static files: a year for content-hashed names, which never change (ADR 0032)."""

from __future__ import annotations

from collections.abc import MutableMapping

ONE_YEAR_SECONDS = 365 * 24 * 60 * 60
HASHED_FILE_CACHE_CONTROL = f"max-age={ONE_YEAR_SECONDS}, immutable"


def cache_hashed_files_for_a_year(headers: MutableMapping[str, str], path: str, url: str) -> None:
    """WhiteNoise marks hashed names immutable for ten years; a year is the longest lifetime RFC 9111 advises."""
    if "immutable" in headers.get("Cache-Control", ""):
        headers["Cache-Control"] = HASHED_FILE_CACHE_CONTROL
