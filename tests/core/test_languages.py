"""A language other than English is part of the address (/es/…, /us/es/…), like the region (docs/adr/0043)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import get_script_prefix, reverse
from django.utils import translation

from waypost.config.environment import env_served_languages
from waypost.core.helplines import Region
from waypost.core.regions import RegionMiddleware, address_language, current_language, current_region

BOTH_REGIONS = override_settings(WAYPOST_REGION="uk", WAYPOST_REGIONS=["uk", "us"], WAYPOST_LANGUAGES=["en", "es"])


def what_the_view_sees(path: str) -> dict[str, str]:
    seen: dict[str, str] = {}

    def view(request: HttpRequest) -> HttpResponse:
        seen.update(
            path_info=request.path_info,
            script_prefix=get_script_prefix(),
            django_language=translation.get_language() or "",
            language=current_language(),
            address_language=address_language(),
            region=current_region().value,
            urgent=reverse("core:urgent"),
        )
        return HttpResponse()

    RegionMiddleware(view)(RequestFactory().get(path))
    return seen


@BOTH_REGIONS
def test_a_spanish_address_activates_spanish_and_keeps_links_in_spanish() -> None:
    seen = what_the_view_sees("/us/es/learn/")

    assert seen == {
        "path_info": "/learn/",
        "script_prefix": "/us/es/",
        "django_language": "es",
        "language": "es",
        "address_language": "es",
        "region": "us",
        "urgent": "/us/es/urgent",
    }


@BOTH_REGIONS
def test_spanish_without_a_region_keeps_the_default_region() -> None:
    seen = what_the_view_sees("/es/check/")

    seen_now = (seen["path_info"], seen["urgent"], seen["region"], seen["language"])
    assert seen_now == ("/check/", "/es/urgent", "uk", "es")


@BOTH_REGIONS
def test_a_bare_or_region_address_is_english_even_after_a_spanish_request() -> None:
    what_the_view_sees("/es/")

    assert what_the_view_sees("/learn/")["django_language"] == "en-gb"
    assert what_the_view_sees("/us/learn/")["language"] == "en-gb"
    assert translation.get_language() == "en-gb"


@BOTH_REGIONS
def test_english_has_no_prefix_of_its_own(member_of_the_public: Client) -> None:
    assert member_of_the_public.get("/en/learn/").status_code == 404
    assert member_of_the_public.get("/us/en/learn/").status_code == 404


@BOTH_REGIONS
def test_spanish_pages_are_served_and_a_prefix_without_its_slash_is_sent_home(member_of_the_public: Client) -> None:
    assert member_of_the_public.get("/es/urgent").status_code == 200
    assert member_of_the_public.get("/us/es/urgent").status_code == 200
    assert member_of_the_public.get("/us/es")["Location"] == "/us/es/"
    assert member_of_the_public.get("/es")["Location"] == "/es/"


@override_settings(WAYPOST_LANGUAGES=["en"])
def test_a_deployment_without_spanish_has_no_spanish_addresses(member_of_the_public: Client) -> None:
    assert member_of_the_public.get("/es/urgent").status_code == 404


def test_region_in_a_spanish_address_is_read_only_when_several_regions_are_served() -> None:
    with override_settings(WAYPOST_REGION="us", WAYPOST_REGIONS=["us"], WAYPOST_LANGUAGES=["en", "es"]):
        seen = what_the_view_sees("/es/urgent")

    assert (seen["urgent"], seen["region"]) == ("/es/urgent", Region.US.value)


def test_an_unknown_language_is_refused_with_the_choices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYPOST_LANGUAGES", "es,fr")

    with pytest.raises(ImproperlyConfigured, match="WAYPOST_LANGUAGES names fr; choose from: en, es"):
        env_served_languages("WAYPOST_LANGUAGES", ("en", "es"))


def test_english_comes_first_whatever_the_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYPOST_LANGUAGES", "ES")

    assert env_served_languages("WAYPOST_LANGUAGES", ("en", "es")) == ["en", "es"]
