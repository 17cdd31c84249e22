from __future__ import annotations

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path


def test_unknown_address_shows_friendly_page_with_urgent_help(member_of_the_public: Client) -> None:
    response = member_of_the_public.get("/no-such-page")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'href="/urgent"' in html
    assert "Exit this page" in html


def broken_view(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret internal detail")


urlpatterns = [path("broken", broken_view), path("", include("waypost.config.urls"))]
handler500 = "waypost.core.views.server_error"


@pytest.mark.urls("tests.core.test_health_and_errors")
def test_server_error_shows_urgent_help_and_never_the_stack_trace() -> None:
    client = Client(raise_request_exception=False)

    response = client.get("/broken")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, something went wrong" in html
    assert 'href="/urgent"' in html
    assert "secret internal detail" not in html
    assert "Traceback" not in html
