"""Each JSON endpoint lives in its own app's api.py; /api/ is one namespaced mount and imports run one way."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import resolve, reverse

import waypost
from waypost.api.openapi import REFERRAL_FIELDS
from waypost.intake.details import ACCEPTED_FIELDS

SOURCE = Path(waypost.__file__).resolve().parent
IMPORTS_OF_API = re.compile(r"^\s*(from waypost\.api\b|import waypost\.api\b|from waypost import api\b)", re.M)


def test_the_public_api_urls_are_unchanged_and_all_under_the_api_namespace() -> None:
    assert reverse("api:referrals") == "/api/referrals"
    assert reverse("api:services") == "/api/services"
    assert reverse("api:openapi") == "/api/openapi.json"


def test_each_endpoint_is_served_from_its_own_apps_api_module() -> None:
    assert resolve("/api/referrals").func.__module__ == "waypost.intake.api"
    assert resolve("/api/services").func.__module__ == "waypost.directory.api"
    assert resolve("/api/openapi.json").func.__module__ == "waypost.api.views"


def test_only_the_api_package_and_the_root_urls_import_waypost_api() -> None:
    importers = sorted(
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if IMPORTS_OF_API.search(path.read_text(encoding="utf-8"))
        and path.relative_to(SOURCE).parts[0] not in {"api", "config"}
    )
    assert importers == []


def test_the_openapi_document_lists_exactly_the_fields_the_endpoint_accepts() -> None:
    assert set(REFERRAL_FIELDS) == ACCEPTED_FIELDS
    assert len(ACCEPTED_FIELDS) == 16  # "language" (ADR 0046)
