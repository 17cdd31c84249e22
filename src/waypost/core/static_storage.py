"""Static file storage: WhiteNoise's hashed, precompressed copies, with a page never failing for a missing name."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage  # type: ignore[import-untyped]

logger = logging.getLogger(__name__)


class HashedStaticFilesStorage(CompressedManifestStaticFilesStorage):  # type: ignore[misc]
    def stored_name(self, name: str) -> str:
        """A name missing from the manifest (files never collected) gives its plain name, not a server error.

        Urgent help must render even then (hazard H-050): unstyled, it still says who to call.
        """
        try:
            return str(super().stored_name(name))
        except ValueError:
            logger.error("Static file %s has not been collected: start Waypost with `waypost serve`", name)
            return name

    def url(self, name: str, force: bool = False) -> str:
        """The hashed URL, worked out once per name: every page asks for the same three files."""
        known: dict[tuple[str, bool, bool], str] = self.__dict__.setdefault("known_urls", {})
        key = (name, force, settings.DEBUG)
        if key not in known:
            found = str(super().url(name, force))
            if not self.is_collected(name):
                # A file collected later (tests collect mid-run) must get its hashed name then
                return found
            known[key] = found
        return known[key]

    def is_collected(self, name: str) -> bool:
        hashed: Any = self.hashed_files.get(self.hash_key(self.clean_name(name)))
        return hashed is not None
