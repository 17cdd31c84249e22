"""Copy every static file Waypost serves into one folder for nginx: `python deploy/collect_static.py FOLDER`.

Waypost itself serves them through WhiteNoise and needs no build step; behind nginx they come straight from disk.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def collect_static(folder: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waypost.config.settings")
    import django
    from django.conf import settings
    from django.core.management import call_command

    # Set here rather than in the settings: only this copy needs a destination
    settings.STATIC_ROOT = str(folder)
    django.setup()
    call_command("collectstatic", interactive=False, verbosity=0)
    make_public(folder)


def make_public(folder: Path) -> None:
    """nginx runs as another account, and Waypost's private umask (docs/adr/0019) would hide the copies from it."""
    folder.chmod(0o755)
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python deploy/collect_static.py FOLDER")
    collect_static(Path(sys.argv[1]).resolve())
