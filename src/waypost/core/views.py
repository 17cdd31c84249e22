"""Public shell pages and the quick exit. None of them touches the database (/healthz lives in monitoring)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_safe

from waypost.core.context_processors import site_context
from waypost.core.not_cached import never_cache
from waypost.core.regions import region_choices
from waypost.core.urgent import region_from_choice, urgent_help_for


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@require_safe
def urgent(request: HttpRequest) -> HttpResponse:
    help_here = urgent_help_for(region_from_choice(request.GET.get("region")))
    # Where several regions are served the other one has its own address, which a person can share
    other_region = next((choice for choice in region_choices(request) if choice.region == help_here.other_region), None)
    other_href = other_region.href if other_region else f"?region={help_here.other_region}"
    return render(request, "core/urgent.html", {"urgent": help_here, "other_region_href": other_href})


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@require_safe
@never_cache
def quick_exit(request: HttpRequest) -> HttpResponseRedirect:
    """Forget everything the session held (self-check answers, a contact draft), then leave for the neutral site."""
    request.session.flush()
    response = HttpResponseRedirect(settings.QUICK_EXIT_URL)
    # Also forget what this site keeps in the browser, such as the offline copy of a recovery plan (H-064); the
    # pages with personal data are never in the HTTP cache, so "cache" is not cleared and leaving stays quick
    response["Clear-Site-Data"] = '"storage"'
    return response


# An error page has no other versions, and its address may hold a reference that must not be echoed (ADR 0043)
WITHOUT_OTHER_VERSIONS = {
    "alternates": (),
    "language_choices": (),
    "language_suggestion": None,
    "region_choices": (),
    "region_suggestion": None,
}


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/404.html", WITHOUT_OTHER_VERSIONS, status=404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # Django's own page is a developer's stack of reasons; a person needs to know what to do next
    return render(request, "core/403_csrf.html", WITHOUT_OTHER_VERSIONS, status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without context processors or the request, so a broken component cannot break this page too
    html = loader.get_template("core/500.html").render(site_context())
    return HttpResponse(html, status=500)
