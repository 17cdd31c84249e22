"""The prebuilt urgent-help page a reverse proxy serves when the application itself is down."""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles import finders
from django.template import loader

from waypost.core.context_processors import site_context
from waypost.core.helplines import Region
from waypost.core.regions import HTML_LANGUAGE
from waypost.core.urgent import urgent_help_for

FALLBACK_FILE_NAME = "urgent.html"
PUBLIC_FOLDER_MODE = 0o755
PUBLIC_FILE_MODE = 0o644


def render_urgent_fallback(region: Region) -> str:
    # The page must stand alone, so the stylesheet goes inside it rather than beside it
    stylesheet_path = finders.find("waypost/waypost.css")
    stylesheet = Path(str(stylesheet_path)).read_text(encoding="utf-8")
    context = {
        **site_context(),
        "urgent": urgent_help_for(region),
        "stylesheet": stylesheet,
        "html_language": HTML_LANGUAGE[region],
    }
    return loader.get_template("core/urgent_fallback.html").render(context)


def regional_fallback_name(region: Region) -> str:
    """The page the proxy serves for `/us/urgent` and `/uk/urgent` (docs/adr/0042): `urgent-us.html`."""
    return f"urgent-{region.value}.html"


def write_urgent_fallback(folder: Path, region: Region, *, file_name: str = FALLBACK_FILE_NAME) -> Path:
    """The page holds nothing private, and the reverse proxy runs as another user: so it is readable by all,
    whatever the private umask of the data folder (docs/adr/0019-private-data-folder.md)."""
    if not folder.exists():
        folder.mkdir(parents=True)
        folder.chmod(PUBLIC_FOLDER_MODE)
    path = folder / file_name
    path.write_text(render_urgent_fallback(region), encoding="utf-8")
    path.chmod(PUBLIC_FILE_MODE)
    return path
