"""Waypost's never_cache writes the headers Django's writes, for every kind of response and view."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
import time_machine
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect, StreamingHttpResponse
from django.test import Client, RequestFactory
from django.utils.cache import add_never_cache_headers

from waypost.core.not_cached import add_not_cached_headers, never_cache

NOW = datetime(2026, 12, 2, 11, 30, 15, tzinfo=UTC)
CACHE_HEADERS = ("Cache-Control", "Expires")


def fresh() -> HttpResponseBase:
    return HttpResponse("page")


def redirect() -> HttpResponseBase:
    return HttpResponseRedirect("/check/answers")


def streamed() -> HttpResponseBase:
    return StreamingHttpResponse(iter(["a", "b"]))


def with_expires() -> HttpResponseBase:
    response = HttpResponse("page")
    response.headers["Expires"] = "Thu, 01 Jan 1970 00:00:00 GMT"
    return response


def with_cache_control() -> HttpResponseBase:
    response = HttpResponse("page")
    response.headers["Cache-Control"] = "public, max-age=600, stale-while-revalidate=30"
    return response


def cache_headers(response: HttpResponseBase) -> dict[str, str | None]:
    return {name: response.headers.get(name) for name in CACHE_HEADERS}


@pytest.mark.parametrize("make", [fresh, redirect, streamed, with_expires, with_cache_control])
def test_the_headers_are_djangos(make: Callable[[], HttpResponseBase]) -> None:
    ours, djangos = make(), make()

    with time_machine.travel(NOW, tick=False):
        add_not_cached_headers(ours)
        add_never_cache_headers(djangos)

    assert cache_headers(ours) == cache_headers(djangos)
    assert ours.headers.get("Expires") is not None


def test_a_decorated_view_keeps_its_name_and_sends_the_headers() -> None:
    @never_cache
    def question(request: HttpRequest, slug: str) -> HttpResponse:
        return HttpResponse(slug)

    with time_machine.travel(NOW, tick=False):
        response = question(RequestFactory().get("/"), slug="journey.who")

    assert question.__name__ == "question"
    assert response.content == b"journey.who"
    assert cache_headers(response) == {
        "Cache-Control": "max-age=0, no-cache, no-store, must-revalidate, private",
        "Expires": "Wed, 02 Dec 2026 11:30:15 GMT",
    }


def test_an_async_view_gets_the_same_headers() -> None:
    @never_cache
    async def events(request: HttpRequest) -> HttpResponse:
        return HttpResponse("events")

    response = asyncio.run(events(RequestFactory().get("/")))

    assert asyncio.iscoroutinefunction(events)
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/check/question/safety.danger-now", "/contact/who"])
def test_session_pages_are_kept_out_of_every_cache(client: Client, path: str) -> None:
    client.get("/check/")

    response = client.get(path)

    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert "Expires" in response
