"""The server finds each public page's view once, finds it as Django would, and keeps no staff or recovery address."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator

import pytest
from django.http import HttpRequest
from django.test import RequestFactory, override_settings
from django.urls import Resolver404, ResolverMatch, resolve

from waypost.config.wsgi import application
from waypost.core import resolved_addresses
from waypost.core.resolved_addresses import ResolvingOnceHandler, resolve_remembered, resolved

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/check/question/safety.danger-now",
    "/check/answers",
    "/contact/who",
    "/contact/check-answers",
    "/learn/",
    "/learn/search",
    "/services/",
    "/urgent",
]
NOT_KEPT = [
    "/staff/",
    "/staff/messages/7/resend",
    "/recovery/",
    "/recovery/sign-in",
    "/referral-link/a-one-time-token",
    "/chat/0b5e3c1e-8f63-4d6a-9a55-2f0d9b0c1a11/",
    "/healthz",
]


@pytest.fixture(autouse=True)
def nothing_resolved_yet() -> Iterator[None]:
    resolved.clear()
    yield
    resolved.clear()


def request_for(path: str) -> HttpRequest:
    return RequestFactory().get(path)


def same_match(found: ResolverMatch, expected: ResolverMatch) -> bool:
    return (found.func, found.args, found.kwargs, found.view_name, found.route) == (
        expected.func,
        expected.args,
        expected.kwargs,
        expected.view_name,
        expected.route,
    )


@pytest.mark.parametrize("path", PUBLIC + NOT_KEPT)
def test_every_address_finds_the_view_django_finds(path: str) -> None:
    first, again = resolve_remembered(request_for(path)), resolve_remembered(request_for(path))

    assert same_match(first, resolve(path))
    assert same_match(again, resolve(path))


@pytest.mark.parametrize("path", PUBLIC)
def test_a_public_page_is_found_once(path: str) -> None:
    first = resolve_remembered(request_for(path))

    assert resolve_remembered(request_for(path)) is first
    assert list(resolved) == [("waypost.config.urls", path)]


@pytest.mark.parametrize("path", NOT_KEPT)
def test_staff_recovery_and_monitoring_addresses_are_not_kept(path: str) -> None:
    resolve_remembered(request_for(path))

    assert resolved == {}


def test_an_unknown_address_is_not_found_and_not_kept() -> None:
    with pytest.raises(Resolver404):
        resolve_remembered(request_for("/check/nowhere"))

    assert resolved == {}


def test_two_questions_are_two_matches_with_their_own_slug() -> None:
    danger = resolve_remembered(request_for("/check/question/safety.danger-now"))
    who = resolve_remembered(request_for("/check/question/journey.who"))

    assert (danger.kwargs, who.kwargs) == ({"slug": "safety.danger-now"}, {"slug": "journey.who"})


def test_an_urlconf_set_on_the_request_is_used_and_kept_apart() -> None:
    with_benchmark_urls = request_for("/_benchmark/bare")
    with_benchmark_urls.urlconf = "benchmarks.urls"  # type: ignore[attr-defined]
    resolve_remembered(request_for("/check/answers"))
    from_benchmark_urls = request_for("/check/answers")
    from_benchmark_urls.urlconf = "benchmarks.urls"  # type: ignore[attr-defined]

    assert resolve_remembered(with_benchmark_urls).func.__name__ == "bare"
    resolve_remembered(from_benchmark_urls)
    assert set(resolved) == {("waypost.config.urls", "/check/answers"), ("benchmarks.urls", "/check/answers")}
    with pytest.raises(Resolver404):
        resolve_remembered(request_for("/_benchmark/bare"))


def test_the_memory_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resolved_addresses, "MOST_ADDRESSES", 3)

    for number in range(7):
        resolve_remembered(request_for(f"/contact/page-{number}"))

    # Emptied when full, then filled again: the last address is always kept
    assert len(resolved) <= 3
    assert ("waypost.config.urls", "/contact/page-6") in resolved


def test_a_changed_setting_empties_the_memory() -> None:
    resolve_remembered(request_for("/contact/who"))
    assert resolved

    with override_settings(ROOT_URLCONF="benchmarks.urls"):
        assert resolved == {}


def test_the_server_finds_a_question_page_through_the_handler() -> None:
    captured: dict[str, object] = {}

    def start_response(status: str, headers: list[tuple[str, str]], _error: object = None) -> Callable[[bytes], object]:
        captured.update(status=status, headers=headers)
        return lambda _body: None

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/check/question/safety.danger-now",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        "wsgi.url_scheme": "http",
    }
    body = b"".join(application(environ, start_response)).decode()

    assert isinstance(application, ResolvingOnceHandler)
    assert captured["status"] == "200 OK"
    assert re.search(r'name="answer"', body)
    # Found by the handler's own search, not Django's: the page is now kept
    assert list(resolved) == [("waypost.config.urls", "/check/question/safety.danger-now")]
