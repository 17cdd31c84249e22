"""Who may use the staff console, and what their role is in each organisation.

Signed-cookie sessions cannot be deleted on the server, so every request checks each way a session ends: the
cookie's signature is older than the idle limit (Django), the user's session hash no longer matches because their
password or `session_generation` changed (Django, see `User`), their device is gone (OTPMiddleware), or the
sign-in is older than STAFF_SIGN_IN_HOURS (here). See docs/adr/0010-staff-sign-in.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import wraps
from typing import cast

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from waypost.accounts.models import Membership, Role, User
from waypost.accounts.signing_in import signed_in_seconds_ago
from waypost.core.security_headers import sends_origin_on_forms

AnyUser = AbstractBaseUser | AnonymousUser
View = Callable[..., HttpResponse]
SUPERVISING_ROLES = (Role.SUPERVISOR, Role.ORGANISATION_ADMIN)
# Not a declared field of the user: the roles read for this request
ROLES_ATTRIBUTE = "_waypost_roles"


def has_both_factors(request: HttpRequest) -> bool:
    # OTPMiddleware sets otp_device only for a confirmed device of this user named in this session
    return request.user.is_authenticated and getattr(request.user, "otp_device", None) is not None


def is_sign_in_current(request: HttpRequest) -> bool:
    seconds = signed_in_seconds_ago(request)
    return seconds is not None and seconds <= settings.STAFF_SIGN_IN_HOURS * 3600


def is_signed_in(request: HttpRequest) -> bool:
    """Password and second factor in this session, its generation current, and not signed in too long ago."""
    return has_both_factors(request) and is_sign_in_current(request)


def signed_in_required(view: View) -> View:
    """For the user's own sign-in settings: both factors, whether or not they belong to an organisation yet."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not is_signed_in(request):
            if request.user.is_authenticated:
                auth.logout(request)
            return redirect_to_login(request.get_full_path())
        # The session middleware re-sends the cookie once it is a minute old, which restarts the idle timer
        return view(request, *args, **kwargs)

    return wrapper


def signed_in_staff(request: HttpRequest) -> User:
    """The staff member making this request, in a view behind staff_required."""
    return cast(User, request.user)


def staff_required(view: View) -> View:
    """Signed in with both factors and a member of at least one organisation; otherwise to the sign-in page.

    A view raises PermissionDenied when the user's role may not use it: they get a plain 403 page. Another
    organisation's data is still a 404 (Http404), so nothing is learnt about it.
    """

    @signed_in_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not organisation_ids_for(request.user):
            return no_organisation(request)
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return no_access(request)

    return wrapper


@sends_origin_on_forms
def no_organisation(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/no_organisation.html", status=403)


@sends_origin_on_forms
def no_access(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/no_access.html", status=403)


def roles_by_organisation(user: AnyUser) -> Mapping[int, Role]:
    """The user's role at each organisation they work for: one query, whatever is asked afterwards."""
    if not user.is_authenticated:
        return {}
    # request.user lives for one request: remember its roles rather than ask again for every check
    cached: dict[int, Role] | None = getattr(user, ROLES_ATTRIBUTE, None)
    if cached is None:
        memberships = Membership.objects.filter(user_id=user.pk).values_list("organisation_id", "role")
        cached = {organisation_id: Role(role) for organisation_id, role in memberships}
        remember_roles(user, cached)
    return cached


def remember_roles(user: AnyUser, roles: dict[int, Role]) -> None:
    """Keep roles read with the user (StaffBackend) on the user object, which lives for one request."""
    setattr(user, ROLES_ATTRIBUTE, roles)


def organisation_ids_for(user: AnyUser) -> frozenset[int]:
    return frozenset(roles_by_organisation(user))


def role_in(user: AnyUser, organisation_id: int) -> Role | None:
    return roles_by_organisation(user).get(organisation_id)


def can_supervise(user: AnyUser, organisation_id: int) -> bool:
    return role_in(user, organisation_id) in SUPERVISING_ROLES


def supervised_organisation_ids(user: AnyUser) -> frozenset[int]:
    return frozenset(
        organisation_id for organisation_id, role in roles_by_organisation(user).items() if role in SUPERVISING_ROLES
    )


def can_supervise_anywhere(user: AnyUser) -> bool:
    return bool(supervised_organisation_ids(user))


def is_organisation_admin(user: AnyUser, organisation_id: int) -> bool:
    return role_in(user, organisation_id) == Role.ORGANISATION_ADMIN
