from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from waypost.accounts.access import staff_required
from waypost.core.form_tokens import form_token


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def session_bare(request: HttpRequest) -> HttpResponse:
    """The least a question page costs beyond the bare view: its encrypted session read, and a form's token."""
    return HttpResponse(f"{len(request.session.keys())} {form_token(request)}", content_type="text/plain")


@staff_required
def signed_in_bare(request: HttpRequest) -> HttpResponse:
    """The least a console page can cost: the session and every sign-in check, then "ok"."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("_benchmark/bare", bare),
    path("_benchmark/session-bare", session_bare),
    path("_benchmark/signed-in-bare", signed_in_bare),
    path("", include("waypost.config.urls")),
]
