"""Importing the US locator's export and HSDS data packages: good, partly bad and unreadable files."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from waypost.directory.hsds.importing.problems import MalformedFile
from waypost.directory.hsds.importing.reading import HSDS, LOCATOR, ImportFile
from waypost.directory.hsds.importing.runner import import_file
from waypost.directory.models import Location, Organization, Phone, Schedule, Service, ServiceAtLocation
from waypost.directory.taxonomy import CARE_TYPES, PAYMENT_OPTIONS, Category, Gender, Ownership

pytestmark = pytest.mark.django_db


def command_output(*arguments: str) -> str:
    output = io.StringIO()
    call_command(*arguments, stdout=output)
    return output.getvalue()


def test_imports_a_locator_export_with_its_codes_mapped(fixtures: Path) -> None:
    summary = import_file(ImportFile(LOCATOR, fixtures / "locator-export.json"))

    assert (summary.added, summary.updated, summary.unchanged, summary.rejected) == (4, 0, 0, 0)
    lakeside = Service.objects.get(name="Lakeside Recovery Center (fictional) (Outpatient Program)")
    assert lakeside.source == "samhsa-locator"
    assert lakeside.category == Category.ADDICTION
    assert CARE_TYPES.codes_in(lakeside.care_types) == (
        "withdrawal-outpatient",
        "intensive-outpatient",
        "outpatient-counselling",
    )
    assert PAYMENT_OPTIONS.codes_in(lakeside.payment_options) == ("medicaid", "medicare", "self-pay", "sliding-scale")
    assert lakeside.language_codes == "en es"
    assert lakeside.url == "http://www.example.org/lakeside"
    assert lakeside.organization.ownership == Ownership.CHARITY
    assert [phone.number for phone in lakeside.phones.all()] == ["(312) 555-0100", "(312) 555-0101"]


def test_files_the_ketamine_infusion_clinic_apart_and_unlisted(fixtures: Path) -> None:
    import_file(ImportFile(LOCATOR, fixtures / "locator-export.json"))

    clinic = Service.objects.get(name="Ketamine Wellness Infusions (fictional)")

    assert clinic.category == Category.KETAMINE_INFUSION
    assert list(ServiceAtLocation.objects.filter(service=clinic).values_list("is_listed", flat=True)) == [False]


def test_repairs_swapped_coordinates_and_drops_placeholder_phones(fixtures: Path) -> None:
    import_file(ImportFile(LOCATOR, fixtures / "locator-export.json"))

    counselling = Service.objects.get(name="Northside Counseling (fictional)")
    location = counselling.service_at_locations.get().location

    assert (location.latitude, location.longitude) == (41.95, -87.65)
    assert counselling.phones.count() == 0
    assert counselling.category == Category.MENTAL_HEALTH


def test_uses_the_locators_facility_id_when_a_row_has_one(fixtures: Path) -> None:
    import_file(ImportFile(LOCATOR, fixtures / "locator-export.json"))

    residential = Service.objects.get(source_id="ABC123")

    assert residential.gender == Gender.WOMEN
    assert CARE_TYPES.codes_in(residential.care_types) == ("residential-short", "residential-long", "peer-support")


def test_reimporting_the_same_file_changes_nothing(fixtures: Path) -> None:
    spec = ImportFile(LOCATOR, fixtures / "locator-export.json")
    import_file(spec)
    before = list(Service.objects.values_list("id", "updated_at", "fingerprint").order_by("id"))

    summary = import_file(spec)

    assert (summary.added, summary.updated, summary.unchanged) == (0, 0, 4)
    assert list(Service.objects.values_list("id", "updated_at", "fingerprint").order_by("id")) == before
    assert Location.objects.count() == 4


def test_imports_the_good_rows_of_a_partly_bad_locator_file_and_names_the_bad_ones(fixtures: Path) -> None:
    summary = import_file(ImportFile(LOCATOR, fixtures / "locator-partly-bad.json"))

    assert (summary.added, summary.rejected) == (2, 4)
    assert [(rejection.row, rejection.reason) for rejection in summary.rejections] == [
        (2, "has no name1"),
        (3, "latitude is not a number"),
        (4, "is not a JSON object"),
        (5, "website is not a web address starting with http:// or https://"),
    ]
    assert sorted(Service.objects.values_list("name", flat=True)) == [
        "Good Place One (fictional)",
        "Good Place Three (fictional)",
    ]


def test_stops_with_exit_status_2_on_a_malformed_file(fixtures: Path) -> None:
    with pytest.raises(CommandError) as stopped:
        call_command("import_services", str(fixtures / "locator-malformed.json"), "--format", "samhsa-locator")

    assert stopped.value.returncode == 2
    assert "is not valid JSON after 0 complete items: parse error" in str(stopped.value)
    assert Service.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "is not JSON"),
        (b"hello", "is not JSON"),
        (b'{"rows": []}', "holds no items"),
        (b'[{"name1": "A"}', "is not valid JSON after 1 complete item: parse error: premature EOF$"),
    ],
)
def test_explains_why_a_file_cannot_be_read(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "export.json"
    path.write_bytes(content)

    with pytest.raises(MalformedFile, match=reason):
        import_file(ImportFile(LOCATOR, path))


def test_names_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MalformedFile, match="cannot open"):
        import_file(ImportFile(HSDS, tmp_path / "missing.json"))


def test_imports_an_hsds_data_package_with_our_taxonomy_and_ignores_others(fixtures: Path) -> None:
    summary = import_file(ImportFile(HSDS, fixtures / "hsds-package"))

    assert (summary.added, summary.rejected) == (3, 0)
    borough = Service.objects.get(source_id="5e7b1c2d-2222-4b2b-8b2b-000000000001")
    assert borough.source == "hsds:example-borough-directory"
    assert CARE_TYPES.codes_in(borough.care_types) == ("outpatient-counselling",)
    assert PAYMENT_OPTIONS.codes_in(borough.payment_options) == ("free",)
    assert (borough.accepting, borough.typical_wait_weeks) == ("yes", 2)
    assert str(borough.last_verified_on) == "2025-03-01"
    assert borough.language_codes == "en ur"
    assert borough.organization.ownership == Ownership.PUBLIC
    assert [(phone.number, phone.kind) for phone in borough.phones.all()] == [
        ("0161 496 0100", "voice"),
        ("0161 496 0101", "text"),
    ]
    assert [(schedule.weekdays, str(schedule.opens_at)) for schedule in Schedule.objects.all()] == [
        ("MO,TU,WE,TH,FR", "09:00:00")
    ]
    cafe = Service.objects.get(source_id="5e7b1c2d-2222-4b2b-8b2b-000000000002")
    assert CARE_TYPES.codes_in(cafe.care_types) == ("peer-support",)


def test_keeps_an_unlabelled_infusion_clinic_out_of_the_listings(fixtures: Path) -> None:
    import_file(ImportFile(HSDS, fixtures / "hsds-package"))

    clinic = Service.objects.get(name="Ketamine Infusion Clinic Partner (fictional)")

    assert clinic.category == Category.KETAMINE_INFUSION
    assert not ServiceAtLocation.objects.filter(service=clinic, is_listed=True).exists()


def test_shares_one_location_between_the_services_at_it(fixtures: Path) -> None:
    import_file(ImportFile(HSDS, fixtures / "hsds-package"))

    assert Location.objects.count() == 2
    assert Organization.objects.count() == 2
    assert ServiceAtLocation.objects.count() == 3


def test_imports_the_good_rows_of_a_partly_bad_package_and_names_the_bad_ones(fixtures: Path) -> None:
    summary = import_file(ImportFile(HSDS, fixtures / "hsds-partly-bad"))

    assert (summary.added, summary.rejected) == (1, 4)
    assert [(rejection.row, rejection.reason) for rejection in summary.rejections] == [
        (2, "assured_date is not a date like 2025-01-31"),
        (3, "the service has no organization"),
        (4, "a location's latitude or longitude is out of range"),
        (5, "the service has no id"),
    ]


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        ("no-descriptor", "has no datapackage.json"),
        ("bad-descriptor", "cannot be read as JSON"),
        ("no-services-resource", "lists no 'service' resource"),
        ("missing-file", "services.csv is listed in datapackage.json but missing"),
        ("missing-column", "services.csv has no column named organization_id"),
        ("outside-path", "points outside the package"),
    ],
)
def test_refuses_a_broken_data_package_before_writing_anything(
    fixtures: Path, tmp_path: Path, damage: str, reason: str
) -> None:
    package = tmp_path / "package"
    shutil.copytree(fixtures / "hsds-package", package)
    descriptor = package / "datapackage.json"
    if damage == "no-descriptor":
        descriptor.unlink()
    elif damage == "bad-descriptor":
        descriptor.write_text("{not json")
    elif damage == "no-services-resource":
        descriptor.write_text(descriptor.read_text().replace('"name": "service"', '"name": "other"'))
    elif damage == "missing-file":
        (package / "services.csv").unlink()
    elif damage == "missing-column":
        (package / "services.csv").write_text("id,name\n1,A\n")
    else:
        descriptor.write_text(descriptor.read_text().replace('"services.csv"', '"../services.csv"'))

    with pytest.raises(MalformedFile, match=reason):
        import_file(ImportFile(HSDS, package))
    assert Service.objects.count() == 0


def test_imports_the_hsds_json_form_and_rejects_its_bad_rows(fixtures: Path) -> None:
    summary = import_file(ImportFile(HSDS, fixtures / "hsds-services.json"))

    assert (summary.added, summary.rejected) == (2, 1)
    assert [(rejection.row, rejection.reason) for rejection in summary.rejections] == [
        (2, "the typical wait is not a whole number of weeks")
    ]
    van = Service.objects.get(name="Harbour Harm Reduction Van (fictional)")
    assert van.source == "hsds:hsds-services"
    assert van.service_at_locations.count() == 2
    assert CARE_TYPES.codes_in(van.care_types) == ("harm-reduction",)


def test_reads_in_a_second_process_with_the_same_result(fixtures: Path) -> None:
    summary = import_file(ImportFile(HSDS, fixtures / "hsds-services.json"), in_parallel=True, batch_size=1)

    assert (summary.added, summary.rejected) == (2, 1)
    assert summary.rejections[0].row == 2
    assert Phone.objects.get().number == "0117 496 0000"


def test_a_second_process_reports_a_malformed_file(fixtures: Path) -> None:
    with pytest.raises(MalformedFile, match="is not valid JSON"):
        import_file(ImportFile(LOCATOR, fixtures / "locator-malformed.json"), in_parallel=True)


def test_the_command_prints_counts_and_each_rejection(fixtures: Path) -> None:
    output = command_output("import_services", str(fixtures / "hsds-partly-bad"), "--format", "hsds")

    assert output.splitlines()[0] == "1 added, 0 updated, 0 unchanged, 4 rejected"
    assert "  row 3: the service has no organization" in output.splitlines()


def test_the_command_takes_a_source_name_and_the_date_of_a_locator_export(fixtures: Path) -> None:
    command_output(
        "import_services",
        str(fixtures / "locator-export.json"),
        "--format",
        "samhsa-locator",
        "--source",
        "locator-2025",
        "--verified-on",
        "2025-06-30",
    )

    assert set(Service.objects.values_list("source", "last_verified_on__year")) == {("locator-2025", 2025)}


def test_a_repeated_id_later_in_the_file_wins(tmp_path: Path) -> None:
    row = '{"frid": "X1", "name1": "%s", "latitude": "41.9", "longitude": "-87.6", "services": [{"f2": "SA"}]}'
    path = tmp_path / "export.json"
    path.write_text("[" + row % "First name" + "," + row % "Second name" + "]")

    summary = import_file(ImportFile(LOCATOR, path))

    assert (summary.added, summary.updated) == (1, 1)
    assert Service.objects.get().name == "Second name"
