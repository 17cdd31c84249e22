"""The two ways an import can fail: one bad row (skipped and reported) or a file we cannot read at all."""

from __future__ import annotations


class MalformedFile(Exception):
    """The file as a whole cannot be read: `waypost import-services` stops with exit status 2."""


class RowProblem(Exception):
    """One row cannot be imported; the others still are."""
