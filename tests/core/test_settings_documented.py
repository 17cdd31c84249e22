from __future__ import annotations

import re
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
ENVIRONMENT_READ = re.compile(r'(?:env_\w+|os\.environ\.get)\(\s*"([A-Z][A-Z0-9_]+)"')


def variables_read_by_the_code() -> set[str]:
    names = set()
    for source in (REPOSITORY / "src" / "waypost").rglob("*.py"):
        names.update(ENVIRONMENT_READ.findall(source.read_text()))
    return names


def variables_documented() -> set[str]:
    example = (REPOSITORY / ".env.example").read_text()
    return set(re.findall(r"^([A-Z][A-Z0-9_]+)=", example, re.MULTILINE))


def test_env_example_documents_every_variable_the_code_reads() -> None:
    read = variables_read_by_the_code()

    # NAME_FILE is documented once, in the header, for every secret NAME
    undocumented = {name.removesuffix("_FILE") for name in read} - variables_documented()

    assert "WAYPOST_REGION" in read
    assert undocumented == set()
