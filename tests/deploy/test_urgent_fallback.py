"""nginx, configured from deploy/nginx, serves urgent help when no app server answers (hazard H-060)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from benchmarks.faults.proxy import Proxy, install_fallback

from tests.servers import fetch, free_port
from waypost.core.fallback import regional_fallback_name, write_urgent_fallback
from waypost.core.helplines import Region

# A name as collectstatic's manifest storage writes it: twelve hex digits of the content's hash
HASHED_STYLESHEET = "waypost.0123456789ab.css"


@pytest.fixture
def proxy_without_app_servers() -> Iterator[Proxy]:
    # Not pytest's tmp_path: its parent folders are private, and nginx's workers run as another account
    with tempfile.TemporaryDirectory(prefix="waypost-fallback-") as name:
        folder = Path(name)
        folder.chmod(0o755)
        write_urgent_fallback(folder / "fallback", Region.UK)
        write_urgent_fallback(folder / "fallback", Region.US, file_name=regional_fallback_name(Region.US))
        for region in (None, Region.US):
            name = regional_fallback_name(region, "es")
            write_urgent_fallback(folder / "fallback", region or Region.UK, file_name=name, language="es")
        install_fallback(folder / "fallback")
        stylesheet = folder / "static" / "waypost" / "waypost.css"
        stylesheet.parent.mkdir(mode=0o755, parents=True)
        stylesheet.write_text("body { margin: 0; }\n")
        hashed = stylesheet.with_name(HASHED_STYLESHEET)
        hashed.write_text("body { margin: 0; }\n")
        for path in (stylesheet.parent.parent, stylesheet.parent, stylesheet, hashed):
            path.chmod(0o755 if path.is_dir() else 0o644)
        proxy = Proxy(folder / "nginx", static_root=folder / "static", fallback_root=folder / "fallback")
        proxy.start([free_port(), free_port(), free_port()])  # nothing listens on these ports
        try:
            yield proxy
        finally:
            proxy.stop()


def test_nginx_serves_the_prebuilt_urgent_page_when_every_app_server_is_down(
    proxy_without_app_servers: Proxy,
) -> None:
    answer = fetch(proxy_without_app_servers.base_url + "/urgent")

    prebuilt = (proxy_without_app_servers.fallback_root / "urgent.html").read_text(encoding="utf-8")
    assert answer.status == 200
    assert answer.body == prebuilt
    assert answer.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(("path", "number"), [("/us/urgent", "911"), ("/uk/urgent", "999")])
def test_a_regions_urgent_address_gets_that_regions_prebuilt_page(
    proxy_without_app_servers: Proxy, path: str, number: str
) -> None:
    answer = fetch(proxy_without_app_servers.base_url + path)

    # No UK copy was built in this folder: the default page (UK) stands in for it
    assert answer.status == 200
    assert f'href="tel:{number}"' in answer.body
    assert answer.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("path", "language", "spanish"),
    [
        ("/us/es/urgent", "es-US", "llame al 988 y marque 2 para español"),
        ("/es/urgent", "es", "Llame al 999 ahora si alguien:"),
        # No UK Spanish copy was built in this folder: the English default stands in rather than nothing
        ("/uk/es/urgent", "en-GB", "Call 999 now if someone:"),
    ],
)
def test_a_spanish_urgent_address_gets_the_spanish_prebuilt_page(
    proxy_without_app_servers: Proxy, path: str, language: str, spanish: str
) -> None:
    answer = fetch(proxy_without_app_servers.base_url + path)

    assert answer.status == 200
    assert f'<html lang="{language}">' in answer.body
    assert spanish in answer.body
    assert answer.headers["Cache-Control"] == "no-store"


def test_other_pages_say_the_service_is_down_and_link_to_urgent_help(proxy_without_app_servers: Proxy) -> None:
    answer = fetch(proxy_without_app_servers.base_url + "/check/")

    assert answer.status == 503
    assert '<a href="/urgent">get urgent help</a>' in answer.body
    assert answer.headers["Retry-After"] == "30"


def test_nginx_serves_static_files_itself(proxy_without_app_servers: Proxy) -> None:
    answer = fetch(proxy_without_app_servers.base_url + "/static/waypost/waypost.css")

    assert answer.status == 200
    assert answer.body == "body { margin: 0; }\n"


def test_nginx_keeps_hashed_static_files_a_year_and_plain_names_an_hour(proxy_without_app_servers: Proxy) -> None:
    hashed = fetch(proxy_without_app_servers.base_url + "/static/waypost/" + HASHED_STYLESHEET)
    plain = fetch(proxy_without_app_servers.base_url + "/static/waypost/waypost.css")

    assert hashed.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert plain.headers["Cache-Control"] == "public, max-age=3600"
