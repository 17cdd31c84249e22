"""Values every page needs. Nothing here may touch the database: /urgent must work when it is down."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from waypost.core.navigation import available_offers
from waypost.core.regions import (
    address_language,
    alternates,
    current_region,
    html_language,
    language_choices,
    region_choices,
    suggested_language_address,
    suggested_region,
)


def site_context() -> dict[str, Any]:
    return {
        "site_name": settings.SITE_NAME,
        "operator_name": settings.OPERATOR_NAME,
        "retention_days": settings.RETENTION_DAYS,
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "offers": available_offers(),
    }


def site(request: HttpRequest) -> dict[str, Any]:
    return {**site_context(), **region_context(request)}


def region_context(request: HttpRequest) -> dict[str, Any]:
    choices = region_choices(request)
    # A Spanish suggestion already carries the browser's region (es-US → /us/es/), so it replaces the English one
    language_suggestion = suggested_language_address(request)
    suggestion = None if language_suggestion else suggested_region(request)
    return {
        "html_language": html_language(current_region(), address_language()),
        "region_choices": choices,
        "region_suggestion": next((choice for choice in choices if choice.region == suggestion), None),
        "language_choices": language_choices(request),
        "language_suggestion": language_suggestion,
        "alternates": alternates(request),
    }
