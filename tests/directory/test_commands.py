from __future__ import annotations

import io
import unicodedata
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.directory.builders import service_record
from waypost.directory import demo
from waypost.directory.models import Correction, Service, ServiceAtLocation
from waypost.directory.services import mark_correction_reviewed, save_service_records, submit_correction

pytestmark = pytest.mark.django_db


def run(*arguments: str) -> str:
    output = io.StringIO()
    call_command(*arguments, stdout=output)
    return output.getvalue()


def test_demo_data_is_fictional_and_loading_it_twice_changes_nothing() -> None:
    first = demo.load()
    second = demo.load()

    assert first.endswith("(320 added, 0 updated, 0 unchanged)")
    assert second.endswith("(0 added, 0 updated, 320 unchanged)")
    assert not Service.objects.exclude(name__endswith="(fictional)").exists()
    assert not Service.objects.exclude(url__startswith="https://example.org/").exists()
    assert ServiceAtLocation.objects.filter(is_listed=False).exists()


def test_lists_new_corrections_oldest_first_and_marks_them_reviewed() -> None:
    save_service_records(records=[service_record(1)])
    service = Service.objects.get()
    start = timezone.make_aware(datetime(2025, 5, 1, 9, 30))  # noqa: DTZ001 - made aware here
    older = submit_correction(service=service, problem="closed", details="Shut", now=start)
    submit_correction(
        service=service,
        problem="contact",
        details="New number",
        reporter_contact="a@example.org",
        now=start + timedelta(hours=1),
    )

    listing = run("list_corrections")
    run("list_corrections", "--reviewed", str(older.pk))

    assert listing.index("It has closed or moved") < listing.index("The phone number or website is wrong")
    assert "reporter's contact (given by choice): a@example.org" in listing
    assert listing.rstrip().endswith("2 corrections")
    assert run("list_corrections").rstrip().endswith("1 correction")
    assert "It has closed or moved" in run("list_corrections", "--all")
    assert Correction.objects.get(pk=older.pk).reviewed_at is not None


def test_refuses_to_mark_a_correction_that_is_not_new() -> None:
    with pytest.raises(CommandError, match="No new correction has the id 99"):
        run("list_corrections", "--reviewed", "99")
    assert mark_correction_reviewed(correction_id=99) is False


def test_exports_to_a_folder_or_a_json_file(tmp_path: Path) -> None:
    save_service_records(records=[service_record(1), service_record(2)])

    assert run("export_services", str(tmp_path / "package")).strip() == f"Exported 2 services to {tmp_path / 'package'}"
    assert run("export_services", str(tmp_path / "all.json")).startswith("Exported 2 services")
    assert (tmp_path / "package" / "datapackage.json").exists()
    assert (tmp_path / "all.json").read_text().startswith("[\n{")


def test_listing_shows_control_codes_from_the_public_as_visible_escapes() -> None:
    save_service_records(records=[service_record(1)])
    service = Service.objects.get()
    submit_correction(
        service=service,
        problem="other",
        details="\x1b[2J\x1b]0;owned\x07Fake line\r\u202eenil\x9b31m\u2066",
        reporter_contact="\x1b[31m07700 900982",
    )

    listing = run("list_corrections")

    assert not [character for character in listing if character != "\n" and not is_harmless(character)]
    assert "details: \\x1b[2J\\x1b]0;owned\\x07Fake line\\r\\u202eenil\\x9b31m\\u2066" in listing
    assert "reporter's contact (given by choice): \\x1b[31m07700 900982" in listing


def is_harmless(character: str) -> bool:
    return unicodedata.category(character) not in ("Cc", "Cf", "Zl", "Zp")
