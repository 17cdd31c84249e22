"""Static files as production serves them: collected once, hashed names, a year's cache, Brotli and gzip copies."""

from __future__ import annotations

import gzip
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import brotli
import pytest
from django.contrib.staticfiles import finders
from django.test import Client, override_settings

from tests.servers import fetch, running_waypost
from waypost.core.static_collection import (
    FINGERPRINT_FILE_NAME,
    collect_static_files_when_changed,
    only_one_collector,
)

MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "waypost.core.static_storage.HashedStaticFilesStorage"},
}
HASHED_NAME = re.compile(r"^/static/[\w/-]+\.[0-9a-f]{12}\.\w+$")
STATIC_REFERENCE = re.compile(r"""(?:href|src)="(/static/[^"]+)\"""")
PUBLIC_PAGES = ["/", "/urgent", "/learn/", "/contact/", "/services/"]


@pytest.fixture
def static_root(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "static"
    with override_settings(STATIC_ROOT=root, STORAGES=MANIFEST_STORAGE, WHITENOISE_USE_FINDERS=False):
        forget_finders()
        yield root
    forget_finders()


def forget_finders() -> None:
    # Django remembers each finder, and with it the folders it searched
    finders.get_finder.cache_clear()  # type: ignore[attr-defined]


def manifest(root: Path) -> dict[str, str]:
    return dict(json.loads((root / "staticfiles.json").read_text(encoding="utf-8"))["paths"])


def source_bytes(name: str) -> bytes:
    return Path(str(finders.find(name))).read_bytes()


def body_of(response: object) -> bytes:
    return b"".join(response.streaming_content)  # type: ignore[attr-defined]


def test_collects_a_hashed_brotli_and_gzip_copy_of_every_static_file(static_root: Path) -> None:
    assert collect_static_files_when_changed() is True

    hashed = manifest(static_root)["waypost/waypost.css"]
    assert re.fullmatch(r"waypost/waypost\.[0-9a-f]{12}\.css", hashed)
    assert brotli.decompress((static_root / f"{hashed}.br").read_bytes()) == source_bytes("waypost/waypost.css")
    assert gzip.decompress((static_root / f"{hashed}.gz").read_bytes()) == source_bytes("waypost/waypost.css")


@pytest.mark.django_db
def test_serves_hashed_files_immutable_for_a_year_brotli_or_gzip_as_the_browser_accepts(static_root: Path) -> None:
    collect_static_files_when_changed()
    url = "/static/" + manifest(static_root)["waypost/waypost.css"]
    client = Client()  # a new client builds the middleware, so WhiteNoise reads the collected folder

    as_brotli = client.get(url, headers={"accept-encoding": "gzip, deflate, br"})
    as_gzip = client.get(url, headers={"accept-encoding": "gzip"})

    assert as_brotli.status_code == 200
    assert as_brotli.headers["Cache-Control"] == "max-age=31536000, immutable"
    assert as_brotli.headers["Content-Encoding"] == "br"
    assert brotli.decompress(body_of(as_brotli)) == source_bytes("waypost/waypost.css")
    assert as_gzip.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body_of(as_gzip)) == source_bytes("waypost/waypost.css")


@pytest.mark.django_db
def test_every_static_reference_on_the_public_pages_names_a_collected_hashed_file(static_root: Path) -> None:
    collect_static_files_when_changed()
    client = Client()

    references_by_page = {page: set(STATIC_REFERENCE.findall(client.get(page).text)) for page in PUBLIC_PAGES}
    references = set().union(*references_by_page.values(), {client.get("/favicon.ico").headers["Location"]})

    collected = manifest(static_root)
    everywhere = {"waypost/waypost.css", "waypost/waypost.js", "waypost/favicon.svg"}
    # The quick exit and the error summary's focus live in waypost.js: every page must load it (H-051)
    for page, page_references in references_by_page.items():
        assert {f"/static/{collected[name]}" for name in everywhere} <= page_references, page
    for reference in references:
        assert HASHED_NAME.match(reference), f"{reference} has no content hash"
        assert (static_root / reference.removeprefix("/static/")).is_file()


def test_stylesheets_name_only_hashed_files(static_root: Path) -> None:
    collect_static_files_when_changed()

    for name, hashed in manifest(static_root).items():
        if name.endswith(".css"):
            for target in re.findall(r"url\(\s*['\"]?([^'\")]+)", (static_root / hashed).read_text(encoding="utf-8")):
                assert target.startswith("data:") or re.search(r"\.[0-9a-f]{12}\.", target), f"{name}: {target}"


def test_collects_again_only_when_a_static_file_changed(static_root: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "note.css").write_text("p { color: black }", encoding="utf-8")
    with override_settings(STATICFILES_DIRS=[extra]):
        forget_finders()
        first = collect_static_files_when_changed()
        unchanged = collect_static_files_when_changed()
        old_name = manifest(static_root)["note.css"]
        (extra / "note.css").write_text("p { color: navy }", encoding="utf-8")
        changed = collect_static_files_when_changed()

    assert (first, unchanged, changed) == (True, False, True)
    assert manifest(static_root)["note.css"] != old_name
    # A page cached before the change still finds the file it names
    assert (static_root / old_name).is_file()
    assert (static_root / FINGERPRINT_FILE_NAME).is_file()


def test_servers_starting_together_collect_once_and_the_others_find_the_files_collected(static_root: Path) -> None:
    start_together = threading.Barrier(3)
    results: list[bool] = []

    def start_a_server() -> None:
        start_together.wait()
        results.append(collect_static_files_when_changed())

    servers = [threading.Thread(target=start_a_server) for _ in range(3)]
    for server in servers:
        server.start()
    for server in servers:
        server.join(timeout=120)

    # Two collecting into one folder at once lose files to each other (the fault harness saw it)
    assert sorted(results) == [False, False, True]
    assert all((static_root / hashed).is_file() for hashed in manifest(static_root).values())


def test_a_collector_waits_while_another_holds_the_lock_and_then_finds_its_stamp(static_root: Path) -> None:
    collect_static_files_when_changed()
    stamp = static_root / FINGERPRINT_FILE_NAME
    fingerprint = stamp.read_text(encoding="utf-8")
    stamp.unlink()
    results: list[bool] = []
    waiting = threading.Thread(target=lambda: results.append(collect_static_files_when_changed()))
    with only_one_collector(static_root):
        waiting.start()
        waiting.join(timeout=0.5)
        waited = waiting.is_alive()
        # What the server holding the lock writes last, once its files are all in place
        stamp.write_text(fingerprint, encoding="utf-8")
    waiting.join(timeout=120)

    # It read the stamp only once the lock was free, so it found the files collected and did not copy them again
    assert waited
    assert results == [False]


def test_serve_collects_at_first_start_into_the_data_folder_and_not_again(tmp_path: Path) -> None:
    data = tmp_path / "data"
    environment = {"WAYPOST_HTTPS": "false", "WAYPOST_DATA_DIR": str(data)}
    with running_waypost(["serve"], environment=environment, cwd=tmp_path) as server:
        stylesheet = re.search(r'href="(/static/waypost/waypost\.[0-9a-f]{12}\.css)"', server.get("/urgent").body)
        assert stylesheet is not None
        served = fetch(server.base_url + stylesheet.group(1))
    stamp_written = (data / "static" / FINGERPRINT_FILE_NAME).stat().st_mtime_ns
    with running_waypost(["serve"], environment=environment, cwd=tmp_path) as server:
        again = server.get("/urgent")

    assert served.status == 200
    assert served.headers["Cache-Control"] == "max-age=31536000, immutable"
    assert stylesheet.group(1) in again.body
    assert (data / "static" / FINGERPRINT_FILE_NAME).stat().st_mtime_ns == stamp_written


@pytest.mark.django_db
@pytest.mark.filterwarnings("ignore:No directory at")  # WhiteNoise notices the folder is missing: the point here
def test_urgent_help_still_renders_when_the_static_files_were_never_collected(
    static_root: Path, caplog: pytest.LogCaptureFixture
) -> None:
    response = Client().get("/urgent")

    assert response.status_code == 200
    assert 'href="/static/waypost/waypost.css"' in response.text
    assert "Call 999 now if someone:" in response.text
    assert "Static file waypost/waypost.css has not been collected" in caplog.text
