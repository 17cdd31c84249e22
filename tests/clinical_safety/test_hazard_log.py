"""The clinical hazard log names the tests that prove each control: every named test must exist.

The log is `docs/clinical-safety/hazard-log.md` (DCB0129 shape). A control whose test is renamed or deleted would
silently stop being proven, so this test reads every test id the log names and finds each one in the suite.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
HAZARD_LOG = REPOSITORY / "docs" / "clinical-safety" / "hazard-log.md"
TEST_ID = re.compile(r"`(tests/[\w/]+\.py)::([\w:]+)(?:\[[^`\]]*\])?`")
HAZARD_HEADING = re.compile(r"^### (H-\d{3}) ", re.MULTILINE)
REQUIRED_FIELDS = ("Cause", "Effect", "Severity", "Likelihood", "Controls", "Residual risk", "Tests")


def named_tests() -> list[tuple[str, str]]:
    return TEST_ID.findall(HAZARD_LOG.read_text(encoding="utf-8"))


@cache
def definitions_in(path: str) -> frozenset[str]:
    """Every test function and class in a test file, as 'name' and 'Class::name'."""
    tree = ast.parse((REPOSITORY / path).read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.ClassDef):
            names.add(node.name)
            names.update(
                f"{node.name}::{member.name}"
                for member in node.body
                if isinstance(member, ast.FunctionDef | ast.AsyncFunctionDef)
            )
    return frozenset(names)


def hazard_sections() -> list[tuple[str, str]]:
    text = HAZARD_LOG.read_text(encoding="utf-8")
    starts = [(match.start(), match.group(1)) for match in HAZARD_HEADING.finditer(text)]
    ends = [start for start, _ in starts[1:]] + [len(text)]
    return [(hazard_id, text[start:end]) for (start, hazard_id), end in zip(starts, ends, strict=True)]


def test_the_log_names_tests() -> None:
    assert len(named_tests()) >= 20


@pytest.mark.parametrize(("path", "name"), named_tests())
def test_every_test_the_log_names_exists(path: str, name: str) -> None:
    assert (REPOSITORY / path).is_file(), f"{path} named in the hazard log does not exist"
    assert name in definitions_in(path), f"{path}::{name} named in the hazard log does not exist"


def test_every_hazard_states_cause_effect_risk_controls_and_tests() -> None:
    sections = hazard_sections()
    assert len(sections) >= 7
    for hazard_id, section in sections:
        missing = [field for field in REQUIRED_FIELDS if f"**{field}**" not in section]
        assert missing == [], f"{hazard_id} lacks {missing}"
        assert TEST_ID.search(section), f"{hazard_id} names no test"


def test_hazard_ids_are_unique() -> None:
    ids = [hazard_id for hazard_id, _ in hazard_sections()]
    assert len(ids) == len(set(ids))


def test_the_readme_links_the_log() -> None:
    assert "docs/clinical-safety/hazard-log.md" in (REPOSITORY / "README.md").read_text(encoding="utf-8")
