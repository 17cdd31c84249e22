"""Static files collected at start, once per installed version: hashed names and .br/.gz copies (ADR 0032).

`waypost demo` and `waypost serve` call this before the web server starts, so the README's commands need no
separate build step. A fingerprint of every source file is kept beside the collected files; a start that finds
the same fingerprint does nothing, and an upgrade that changed a stylesheet or script collects again. Servers started
together (several `waypost serve` units on one data folder) take turns: the first collects, the rest find its stamp.
"""

from __future__ import annotations

import fcntl
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command

FINGERPRINT_FILE_NAME = ".waypost-static-fingerprint"
LOCK_FILE_NAME = ".waypost-static-collecting"
PUBLIC_FOLDER_MODE = 0o755
PUBLIC_FILE_MODE = 0o644


def collect_static_files_when_changed() -> bool:
    """Collect into STATIC_ROOT unless what is there came from these very files; True if it collected."""
    root = Path(settings.STATIC_ROOT)
    stamp = root / FINGERPRINT_FILE_NAME
    fingerprint = source_fingerprint()
    with only_one_collector(root):
        if stamp.is_file() and stamp.read_text(encoding="utf-8") == fingerprint:
            return False
        # Old hashed files stay: a page cached before the upgrade still finds the stylesheet it names
        call_command("collectstatic", interactive=False, verbosity=0)
        make_readable_by_all(root)
        stamp.write_text(fingerprint, encoding="utf-8")
        stamp.chmod(PUBLIC_FILE_MODE)
        return True


@contextmanager
def only_one_collector(root: Path) -> Iterator[None]:
    """Hold a lock in the collected folder: a second process collecting into half-written files loses some."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK_FILE_NAME, "a", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def make_readable_by_all(root: Path) -> None:
    """Nothing here is private, and a reverse proxy running as another user may serve it (as the fallback page)."""
    root.chmod(PUBLIC_FOLDER_MODE)
    for path in root.rglob("*"):
        path.chmod(PUBLIC_FOLDER_MODE if path.is_dir() else PUBLIC_FILE_MODE)


def source_fingerprint() -> str:
    """One hash over every static file's name and content, as the finders see them."""
    digest = hashlib.sha256(settings.STORAGES["staticfiles"]["BACKEND"].encode())
    for name, content in sorted(source_files().items()):
        digest.update(name.encode() + b"\0" + content + b"\0")
    return digest.hexdigest()


def source_files() -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for finder in get_finders():
        for name, storage in finder.list(ignore_patterns=[]):
            # The first finder to offer a name wins, as collectstatic decides
            if name not in files:
                with storage.open(name) as source:
                    files[name] = source.read()
    return files
