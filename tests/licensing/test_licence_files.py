"""The licence the package declares ships with it, verbatim, and the list of bundled third-party terms is complete."""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QUESTIONNAIRES = ROOT / "src" / "waypost" / "instruments" / "questionnaires"
PLACE_DATA = ROOT / "src" / "waypost" / "directory" / "geography" / "data"
# The FSF's agpl-3.0.txt: 661 lines, MD5 73f1eb20517c55bf9493b7dd6e480788 (the checksum licence scanners use for it)
AGPL_MD5 = "73f1eb20517c55bf9493b7dd6e480788"
AGPL_LINES = 661


def project() -> dict[str, object]:
    table: dict[str, object] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return table


def test_the_licence_file_is_the_unmodified_agpl_3_text() -> None:
    text = (ROOT / "LICENSE").read_bytes()

    assert hashlib.md5(text, usedforsecurity=False).hexdigest() == AGPL_MD5
    assert text.count(b"\n") == AGPL_LINES
    assert text.splitlines()[0].strip() == b"GNU AFFERO GENERAL PUBLIC LICENSE"


def test_the_package_declares_the_agpl_and_ships_the_licence_files() -> None:
    declared = project()

    assert declared["license"] == "AGPL-3.0-or-later"
    assert declared["license-files"] == [
        "LICENSE",
        "LICENSES.md",
        "src/waypost/directory/geography/data/LICENCE-NOTES.md",
    ]
    assert all((ROOT / name).is_file() for name in declared["license-files"])  # type: ignore[attr-defined]


@pytest.mark.parametrize("questionnaire", sorted(path.name for path in QUESTIONNAIRES.glob("*.json")))
def test_every_bundled_questionnaire_is_listed_with_its_terms(questionnaire: str) -> None:
    assert f"`{questionnaire}`" in (ROOT / "LICENSES.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("data_file", sorted(path.name for path in PLACE_DATA.glob("*.csv.gz")))
def test_every_bundled_data_file_is_listed_with_its_terms(data_file: str) -> None:
    assert f"`{data_file}`" in (ROOT / "LICENSES.md").read_text(encoding="utf-8")


def test_the_readme_links_the_licence_and_the_bundled_terms() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    assert "(LICENSE)" in readme
    assert "(LICENSES.md)" in readme
