from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from waypost.core.fallback import regional_fallback_name, render_urgent_fallback, write_urgent_fallback
from waypost.core.helplines import Region, helplines_for


def test_fallback_page_stands_alone_with_its_styles_inside() -> None:
    html = render_urgent_fallback(Region.UK)

    assert "<style>" in html
    assert ".care-card" in html
    assert not re.search(r"<(script|link|img)\b", html)


def test_fallback_page_lists_every_line_for_the_region() -> None:
    html = render_urgent_fallback(Region.UK)

    assert "Call 999 now if someone:" in html
    for line in helplines_for(Region.UK):
        assert line.primary_contact.href in html


def test_writes_the_fallback_file_into_the_given_folder(tmp_path: Path) -> None:
    path = write_urgent_fallback(tmp_path / "new", Region.US)

    assert path == tmp_path / "new" / "urgent.html"
    assert "Call 911 now if someone:" in path.read_text()


def test_fallback_page_has_the_urgent_page_structure_emergency_button_first() -> None:
    html = render_urgent_fallback(Region.UK)
    main = html[html.index('<main id="main-content"') :]
    first_link = re.search(r"<a [^>]*>", main)

    assert first_link
    assert first_link.group(0) == '<a href="tel:999" class="emergency-call">'
    for heading_id in ("crisis-heading", "nations-heading", "drug-advice-heading", "family-heading"):
        assert f'aria-labelledby="{heading_id}"' in main
    assert main.index("crisis-heading") < main.index("drug-advice-heading")
    assert "There is no NHS 111 in Northern Ireland." in main


def test_spanish_fallback_pages_are_in_spanish_with_the_spanish_crisis_routes() -> None:
    us_spanish = render_urgent_fallback(Region.US, "es")
    uk_spanish = render_urgent_fallback(Region.UK, "es")

    assert '<html lang="es-US">' in us_spanish
    assert "Nuestro sitio web no funciona del todo en este momento." in us_spanish
    assert "Envíe AYUDA al 988" in us_spanish
    assert '<html lang="es">' in uk_spanish
    assert "Llame al 999 ahora si alguien:" in uk_spanish
    assert "Call 999" not in render_urgent_fallback(Region.UK, "es")
    assert "Call 999 now if someone:" in render_urgent_fallback(Region.UK)


@pytest.mark.parametrize(
    ("region", "language", "name"),
    [
        (None, "en", "urgent.html"),
        (Region.US, "en", "urgent-us.html"),
        (None, "es", "urgent-es.html"),
        (Region.US, "es", "urgent-us-es.html"),
        (Region.UK, "es", "urgent-uk-es.html"),
    ],
)
def test_fallback_file_names_follow_the_address(region: Region | None, language: str, name: str) -> None:
    assert regional_fallback_name(region, language) == name


def test_build_urgent_fallback_writes_every_region_and_language(tmp_path: Path) -> None:
    with override_settings(WAYPOST_REGION="uk", WAYPOST_REGIONS=["uk", "us"], WAYPOST_LANGUAGES=["en", "es"]):
        call_command("build_urgent_fallback", "--output", str(tmp_path), stdout=StringIO())

    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == [
        "urgent-es.html",
        "urgent-uk-es.html",
        "urgent-uk.html",
        "urgent-us-es.html",
        "urgent-us.html",
        "urgent.html",
    ]
    assert "marque 2 para español" in (tmp_path / "urgent-us-es.html").read_text(encoding="utf-8")
