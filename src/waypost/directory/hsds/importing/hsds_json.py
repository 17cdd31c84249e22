"""HSDS 3.0 services in the JSON form: an array of service objects, or an API page {"contents": [...]}."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from waypost.directory.hsds.importing.problems import RowProblem
from waypost.directory.hsds.importing.streams import json_items
from waypost.directory.hsds.records import Rejection, ServiceRecord
from waypost.directory.hsds.shape import service_from_hsds

EXPECTED = "an array of HSDS service objects, or an object with a 'contents' array of them"


def hsds_json_records(path: Path, *, source: str) -> Iterator[tuple[int, ServiceRecord | Rejection]]:
    for number, item in json_items(path, array_key="contents", expected=EXPECTED):
        try:
            yield number, service_from_hsds(item, default_source=source)
        except RowProblem as problem:
            yield number, Rejection(number, str(problem))
