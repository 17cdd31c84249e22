"""Bearer-token authentication for the FHIR referral endpoints: no token or a bad one is a 401 (RFC 6750)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse

from waypost.accounts.api_clients import client_for_token
from waypost.accounts.models import ApiClient
from waypost.fhir.responses import operation_outcome

ClientView = Callable[..., HttpResponse]


def bearer_token(request: HttpRequest) -> str:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def unauthorised(*, had_token: bool) -> HttpResponse:
    message = "The bearer token is not valid or was revoked." if had_token else "Send a bearer token."
    response = operation_outcome("login", message, 401)
    response["WWW-Authenticate"] = 'Bearer realm="waypost", error="invalid_token"' if had_token else "Bearer"
    return response


def with_api_client(view: ClientView) -> ClientView:
    """Call the view with the API client the request's bearer token names, or answer 401."""

    @wraps(view)
    def authenticated(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        token = bearer_token(request)
        client: ApiClient | None = client_for_token(token) if token else None
        if client is None:
            return unauthorised(had_token=bool(token))
        return view(request, client, *args, **kwargs)

    return authenticated
