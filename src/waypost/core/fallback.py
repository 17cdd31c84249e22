"""The prebuilt urgent-help page a reverse proxy serves when the application itself is down."""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles import finders
from django.template import loader
from django.utils import translation

from waypost.core.context_processors import site_context
from waypost.core.helplines import Region
from waypost.core.regions import ENGLISH, address_parts, django_language, html_language
from waypost.core.urgent import urgent_help_for

FALLBACK_FILE_NAME = "urgent.html"
PUBLIC_FOLDER_MODE = 0o755
PUBLIC_FILE_MODE = 0o644


def render_urgent_fallback(region: Region, language: str = ENGLISH) -> str:
    # The page must stand alone, so the stylesheet goes inside it rather than beside it
    stylesheet_path = finders.find("waypost/waypost.css")
    stylesheet = Path(str(stylesheet_path)).read_text(encoding="utf-8")
    with translation.override(django_language(language)):
        context = {
            **site_context(),
            "urgent": urgent_help_for(region),
            "stylesheet": stylesheet,
            "html_language": html_language(region, language),
        }
        return loader.get_template("core/urgent_fallback.html").render(context)


def regional_fallback_name(region: Region | None, language: str = ENGLISH) -> str:
    """The page the proxy serves for `/us/urgent` (`urgent-us.html`, docs/adr/0042) and, in Spanish, for
    `/us/es/urgent` (`urgent-us-es.html`) and `/es/urgent` (`urgent-es.html`, the default region; docs/adr/0043)."""
    return "-".join(["urgent", *address_parts(region, language)]) + ".html"


def write_urgent_fallback(
    folder: Path, region: Region, *, file_name: str = FALLBACK_FILE_NAME, language: str = ENGLISH
) -> Path:
    """The page holds nothing private, and the reverse proxy runs as another user: so it is readable by all,
    whatever the private umask of the data folder (docs/adr/0019-private-data-folder.md)."""
    if not folder.exists():
        folder.mkdir(parents=True)
        folder.chmod(PUBLIC_FOLDER_MODE)
    path = folder / file_name
    path.write_text(render_urgent_fallback(region, language), encoding="utf-8")
    path.chmod(PUBLIC_FILE_MODE)
    return path
