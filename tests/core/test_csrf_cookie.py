"""The CSRF cookie is sent only when it is new or changed, ends with the browser, and forms still work."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.csrf import CsrfViewMiddleware, get_token, rotate_token
from django.test import Client, RequestFactory, override_settings

from waypost.core.csrf_middleware import CsrfCookieOnChangeMiddleware

pytestmark = pytest.mark.django_db

FORM_PAGE = "/contact/who"
SECRET = "a" * 32


def masked(secret: str) -> str:
    # The form Django before 4.0 kept in the cookie: the secret masked, 64 characters
    request = RequestFactory().get("/")
    request.META["CSRF_COOKIE"] = secret
    return get_token(request)


def form_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse(get_token(request))


def signing_in(request: HttpRequest) -> HttpResponse:
    rotate_token(request)
    return HttpResponse("signed in")


def through_middleware(view: Callable[[HttpRequest], HttpResponse], cookie: str | None) -> HttpResponseBase:
    # In the order of MIDDLEWARE: Django's outside, ours just inside it
    chain = CsrfViewMiddleware(CsrfCookieOnChangeMiddleware(view))
    request = RequestFactory().get("/")
    if cookie is not None:
        request.COOKIES[settings.CSRF_COOKIE_NAME] = cookie
    response = chain(request)
    assert isinstance(response, HttpResponseBase)
    return response


def sent_secret(response: HttpResponseBase) -> str | None:
    morsel = response.cookies.get(settings.CSRF_COOKIE_NAME)
    return None if morsel is None else morsel.value


def test_first_form_page_sends_a_cookie_that_ends_with_the_browser(member_of_the_public: Client) -> None:
    response = member_of_the_public.get(FORM_PAGE)

    morsel = response.cookies[settings.CSRF_COOKIE_NAME]
    assert (morsel["max-age"], morsel["expires"]) == ("", "")
    assert morsel["httponly"] is True
    assert "Cookie" in response["Vary"]


def test_later_form_pages_do_not_send_the_cookie_again(member_of_the_public: Client) -> None:
    member_of_the_public.get(FORM_PAGE)

    response = member_of_the_public.get(FORM_PAGE)

    assert settings.CSRF_COOKIE_NAME not in response.cookies
    assert "Cookie" in response["Vary"]


def test_a_form_posted_with_the_unsent_cookie_still_passes_the_check() -> None:
    visitor = Client(enforce_csrf_checks=True)
    visitor.get(FORM_PAGE)
    page = visitor.get(FORM_PAGE).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]

    response = visitor.post(FORM_PAGE, {"for_whom": "self", "csrfmiddlewaretoken": token})

    assert response.status_code == 302


@pytest.mark.parametrize(
    ("view", "cookie", "sent"),
    [
        (form_page, None, "new"),
        (form_page, SECRET, None),
        (form_page, masked(SECRET), SECRET),  # re-sent unmasked
        (form_page, "not a valid secret!", "new"),
        (signing_in, SECRET, "new"),
        (signing_in, None, "new"),
    ],
    ids=["no cookie", "same secret", "masked secret", "bad cookie", "rotated", "rotated without cookie"],
)
def test_the_cookie_is_sent_only_when_new_or_changed(
    view: Callable[[HttpRequest], HttpResponse], cookie: str | None, sent: str | None
) -> None:
    secret = sent_secret(through_middleware(view, cookie))

    if sent == "new":
        assert secret is not None
        assert secret not in {SECRET, cookie}
    else:
        assert secret == sent


@override_settings(CSRF_COOKIE_AGE=3600)
def test_a_cookie_with_a_lifetime_is_renewed_on_every_form_page_as_django_does() -> None:
    assert sent_secret(through_middleware(form_page, SECRET)) == SECRET


def test_pages_without_a_form_send_no_cookie() -> None:
    response = through_middleware(lambda request: HttpResponse("no form"), None)

    assert sent_secret(response) is None
