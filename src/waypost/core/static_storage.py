"""Static file storage: WhiteNoise's hashed, precompressed copies, with a page never failing for a missing name."""

from __future__ import annotations

import logging

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
