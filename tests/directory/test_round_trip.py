"""Import → export → import changes nothing, in both HSDS forms."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from waypost.directory.hsds.exporting import export_json, export_tables, stored_services
from waypost.directory.hsds.importing.reading import HSDS, LOCATOR, ImportFile
from waypost.directory.hsds.importing.runner import import_file
from waypost.directory.models import Location, Organization, Phone, Schedule, Service, ServiceAtLocation

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, list[tuple[Any, ...]]]:
    return {
        model.__name__: sorted(model.objects.values_list(), key=repr)
        for model in (Organization, Location, Service, ServiceAtLocation, Phone, Schedule)
    }


def import_every_fixture(fixtures: Path) -> None:
    import_file(ImportFile(LOCATOR, fixtures / "locator-export.json", verified_on=None))
    import_file(ImportFile(HSDS, fixtures / "hsds-package"))
    import_file(ImportFile(HSDS, fixtures / "hsds-services.json"))


@pytest.mark.parametrize("form", ["hsds-package", "services.json"])
def test_importing_an_export_changes_nothing(fixtures: Path, tmp_path: Path, form: str) -> None:
    import_every_fixture(fixtures)
    before = snapshot()
    exported = tmp_path / form
    call_command("export_services", str(exported), "--format", "hsds", stdout=io.StringIO())

    summary = import_file(ImportFile(HSDS, exported))

    assert (summary.added, summary.updated, summary.rejected) == (0, 0, 0)
    assert summary.unchanged == 9
    assert snapshot() == before


def test_an_export_read_into_an_empty_directory_exports_the_same_bytes(fixtures: Path, tmp_path: Path) -> None:
    import_every_fixture(fixtures)
    export_json(tmp_path / "first.json")
    records_before = [record for record, _ in stored_services()]
    for model in (Phone, Schedule, ServiceAtLocation, Service, Location, Organization):
        model.objects.all().delete()

    import_file(ImportFile(HSDS, tmp_path / "first.json"))
    export_json(tmp_path / "second.json")

    assert [record for record, _ in stored_services()] == records_before
    assert (tmp_path / "second.json").read_bytes() == (tmp_path / "first.json").read_bytes()


def test_the_data_package_names_every_table_and_its_columns(fixtures: Path, tmp_path: Path) -> None:
    import_every_fixture(fixtures)

    count = export_tables(tmp_path / "package", package_name="example")

    descriptor = (tmp_path / "package" / "datapackage.json").read_text()
    assert count == 9
    assert '"name": "example"' in descriptor
    assert '"path": "service_at_locations.csv"' in descriptor
    header = (tmp_path / "package" / "services.csv").read_text().splitlines()[0]
    assert header.startswith("id,organization_id,name,description,url,email,status")
    assert "care_type:harm-reduction" in (tmp_path / "package" / "taxonomy_terms.csv").read_text()
    resources = json.loads(descriptor)["resources"]
    assert {resource["name"] for resource in resources} == {
        "organization",
        "service",
        "location",
        "address",
        "accessibility",
        "service_at_location",
        "phone",
        "schedule",
        "language",
        "attribute",
        "taxonomy",
        "taxonomy_term",
    }
    for resource in resources:
        with (tmp_path / "package" / resource["path"]).open(encoding="utf-8", newline="") as table:
            assert next(csv.reader(table)) == [field["name"] for field in resource["schema"]["fields"]]
