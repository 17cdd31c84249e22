"""Staff sign-in: a password, then a code from an authenticator app or a recovery code; set-up; sign out."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any, cast

from django.conf import settings
from django.contrib import auth
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from waypost.accounts.access import is_signed_in, signed_in_required
from waypost.accounts.forms import CodeForm, ConsoleLanguageForm, SetupCodeForm, SignInForm
from waypost.accounts.lockout import claim_sign_in_attempt, forget_sign_in_failures, known_browser, remember_browser
from waypost.accounts.models import RecoveryCodeDevice, User
from waypost.accounts.qr_codes import qr_code_svg
from waypost.accounts.rules import minutes_to_wait
from waypost.accounts.services import end_sessions, set_console_language
from waypost.accounts.signing_in import PendingSignIn, abandon_sign_in, finish_sign_in, pending_sign_in, start_sign_in
from waypost.accounts.two_factor import (
    authenticator_being_set_up,
    confirm_authenticator,
    has_authenticator,
    is_code_checked_now,
    recovery_codes_left,
    replace_recovery_codes,
    setup_key,
    verify_second_factor,
)
from waypost.core.not_cached import never_cache
from waypost.core.security_headers import sends_origin_on_forms

NOTICES = {
    "signed-out": _("You have signed out."),
    "timed-out": _("Your sign-in timed out. Enter your username and password again."),
}
NOT_RECOGNISED = _("Enter a correct username and password")
WRONG_CODE = _("The code is not right. Enter the newest code from your app, or an unused recovery code")
WRONG_SETUP_CODE = _("The code is not right. Enter the newest code the app shows")
MUST_WAIT = _("You have entered too many wrong codes. Wait a minute, then try again")
GET_AND_POST = ["GET", "HEAD", "POST"]
logger = logging.getLogger(__name__)


def next_url_from(request: HttpRequest) -> str:
    """Where to go after signing in: a path on this site only, never another site."""
    candidate = request.GET.get("next", "")
    is_safe = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if is_safe and candidate.startswith("/") else settings.LOGIN_REDIRECT_URL


@never_cache
@sends_origin_on_forms
@require_http_methods(GET_AND_POST)
def login(request: HttpRequest) -> HttpResponse:
    next_url = next_url_from(request)
    if is_signed_in(request):
        return redirect(next_url)
    form = SignInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        # Counted before the password is checked, whether or not the account exists, so both look the same
        wait = claim_sign_in_attempt(username=username, browser=known_browser(request, username))
        if wait is not None:
            return paused(request, wait)
        user = auth.authenticate(request, username=username, password=form.cleaned_data["password"])
        if user is not None:
            start_sign_in(request, user=user, next_url=next_url)
            return redirect("accounts:verify")
        form.add_error("password", NOT_RECOGNISED)
    context = {
        "form": form,
        "notice": NOTICES.get(request.GET.get("notice", "")) if request.method == "GET" else None,
        "idle_minutes": settings.SESSION_COOKIE_AGE // 60,
    }
    return render(request, "accounts/login.html", context)


@never_cache
@sends_origin_on_forms
@require_http_methods(GET_AND_POST)
def verify(request: HttpRequest) -> HttpResponse:
    pending = pending_sign_in(request)
    if pending is None:
        return sign_in_again()
    if not has_authenticator(pending.user):
        return redirect("accounts:setup_two_factor")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        return check_second_factor(request, pending, form)
    return render(request, "accounts/verify.html", {"form": form})


def check_second_factor(request: HttpRequest, pending: PendingSignIn, form: CodeForm) -> HttpResponse:
    username, code = pending.user.get_username(), form.cleaned_data["code"]
    browser = known_browser(request, username)
    # django-otp's own back-off refuses without looking: such a code is not counted
    if not is_code_checked_now(user=pending.user, code=code):
        form.add_error("code", MUST_WAIT)
        return render(request, "accounts/verify.html", {"form": form})
    wait = claim_sign_in_attempt(username=username, browser=browser)
    if wait is not None:
        abandon_sign_in(request)
        return paused(request, wait)
    check = verify_second_factor(user=pending.user, code=code)
    if not check.is_accepted:
        form.add_error("code", MUST_WAIT if check.must_wait else WRONG_CODE)
        return render(request, "accounts/verify.html", {"form": form})
    forget_sign_in_failures(username=username, browser=browser)
    finish_sign_in(request, user=pending.user, device=check.device)
    logger.info("Staff user %s signed in", pending.user.pk)
    return signed_in(pending, device=check.device)


def signed_in(pending: PendingSignIn, *, device: object) -> HttpResponse:
    if isinstance(device, RecoveryCodeDevice):
        query = urlencode({"used": "1", "next": pending.next_url})
        response = redirect(f"{reverse('accounts:recovery_codes')}?{query}")
    else:
        response = redirect(pending.next_url)
    remember_browser(response, username=pending.user.get_username())
    return response


@never_cache
@sends_origin_on_forms
@require_http_methods(GET_AND_POST)
def setup_two_factor(request: HttpRequest) -> HttpResponse:
    pending = pending_sign_in(request)
    if pending is None:
        return sign_in_again()
    if has_authenticator(pending.user):
        return redirect("accounts:verify")
    device = authenticator_being_set_up(user=pending.user)
    form = SetupCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        check, codes = confirm_authenticator(device=device, code=form.cleaned_data["code"])
        if check.is_accepted:
            return finish_set_up(request, pending, device=device, codes=codes)
        form.add_error("code", MUST_WAIT if check.must_wait else WRONG_SETUP_CODE)
    context = {
        "form": form,
        "qr_code": qr_code_svg(device.config_url, label=str(_("QR code to scan with your authenticator app"))),
        "setup_key": setup_key(device),
    }
    return render(request, "accounts/setup_two_factor.html", context)


def finish_set_up(request: HttpRequest, pending: PendingSignIn, *, device: Any, codes: list[str]) -> HttpResponse:
    username = pending.user.get_username()
    forget_sign_in_failures(username=username, browser=known_browser(request, username))
    finish_sign_in(request, user=pending.user, device=device)
    logger.info("Staff user %s set up an authenticator app and signed in", pending.user.pk)
    response = render(request, "accounts/new_recovery_codes.html", {"codes": codes, "next_url": pending.next_url})
    remember_browser(response, username=username)
    return response


@never_cache
@sends_origin_on_forms
@signed_in_required
@require_http_methods(GET_AND_POST)
def recovery_codes(request: HttpRequest) -> HttpResponse:
    user, next_url = cast(User, request.user), next_url_from(request)
    if request.method == "POST":
        codes = replace_recovery_codes(user=user)
        return render(request, "accounts/new_recovery_codes.html", {"codes": codes, "next_url": next_url})
    context = {"remaining": recovery_codes_left(user), "was_used": request.GET.get("used") == "1", "next_url": next_url}
    return render(request, "accounts/recovery_codes.html", context)


@never_cache
@sends_origin_on_forms
@require_http_methods(GET_AND_POST)
def logout(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "accounts/logout.html")
    if request.user.is_authenticated:
        end_sessions(user=request.user)
    auth.logout(request)
    return redirect(f"{reverse('accounts:login')}?notice=signed-out")


def sign_in_again() -> HttpResponse:
    return redirect(f"{reverse('accounts:login')}?notice=timed-out")


def paused(request: HttpRequest, wait: timedelta) -> HttpResponse:
    logger.warning("A sign-in was refused after repeated wrong passwords or codes")
    minutes = minutes_to_wait(wait)
    response = render(request, "accounts/paused.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


@never_cache
@sends_origin_on_forms
@signed_in_required
@require_http_methods(GET_AND_POST)
def console_language(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form = ConsoleLanguageForm(
        request.POST if request.method == "POST" else None, initial={"language": user.console_language}
    )
    if request.method == "POST" and form.is_valid():
        set_console_language(user=user, language=form.cleaned_data["language"])
        return redirect(f"{reverse('accounts:console_language')}?saved=1")
    return render(
        request, "accounts/console_language.html", {"form": form, "is_saved": request.GET.get("saved") == "1"}
    )
