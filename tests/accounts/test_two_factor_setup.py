"""First sign-in: a user without an authenticator app sets one up before they get in."""

from __future__ import annotations

import re
from base64 import b32decode
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp

from tests.accounts.steps import STAFF_PAGE, enter_password, html
from tests.conftest import signed_in_client
from waypost.accounts.models import AuthenticatorApp, RecoveryCode, User
from waypost.accounts.qr_codes import path_data, qr_code_svg, qr_matrix

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.accounts.urls")]

SETUP_PAGE = "/staff/two-factor"


@pytest.fixture
def new_starter(triage_worker_a: User) -> User:
    AuthenticatorApp.objects.filter(user=triage_worker_a).delete()
    return triage_worker_a


def key_on_page(page: str) -> bytes:
    key = re.search(r"<code>([A-Z2-7 ]+)</code>", page)
    assert key is not None
    return b32decode(key.group(1).replace(" ", ""))


def code_for(key: bytes) -> str:
    return f"{totp(key):06d}"


def test_password_step_leads_a_new_starter_to_set_up(member_of_the_public: Client, new_starter: User) -> None:
    enter_password(member_of_the_public, "triage-worker-a", next_url=STAFF_PAGE)

    response = member_of_the_public.get("/staff/login/code")

    assert response["Location"] == SETUP_PAGE


def test_set_up_page_shows_a_qr_code_drawn_inline_and_the_key(member_of_the_public: Client, new_starter: User) -> None:
    enter_password(member_of_the_public, "triage-worker-a")

    response = member_of_the_public.get(SETUP_PAGE)

    page = html(response)
    device = AuthenticatorApp.objects.get(user=new_starter)
    svg = page[page.index("<svg") : page.index("</svg>") + 6]
    assert response.status_code == 200
    assert device.confirmed is False
    assert key_on_page(page) == device.bin_key
    assert 'role="img" aria-label="QR code to scan with your authenticator app"' in svg
    assert "style" not in svg
    assert "<img" not in page
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]


def test_reloading_the_set_up_page_keeps_the_same_key(member_of_the_public: Client, new_starter: User) -> None:
    enter_password(member_of_the_public, "triage-worker-a")

    first = key_on_page(html(member_of_the_public.get(SETUP_PAGE)))
    second = key_on_page(html(member_of_the_public.get(SETUP_PAGE)))

    assert first == second
    assert AuthenticatorApp.objects.filter(user=new_starter).count() == 1


def test_set_up_is_not_finished_without_a_correct_code(member_of_the_public: Client, new_starter: User) -> None:
    enter_password(member_of_the_public, "triage-worker-a", next_url=STAFF_PAGE)
    key = key_on_page(html(member_of_the_public.get(SETUP_PAGE)))

    response = member_of_the_public.post(SETUP_PAGE, {"code": f"{(int(code_for(key)) + 1) % 1_000_000:06d}"})

    assert response.status_code == 200
    assert "The code is not right" in html(response)
    assert AuthenticatorApp.objects.get(user=new_starter).confirmed is False
    assert RecoveryCode.objects.count() == 0
    assert member_of_the_public.get(STAFF_PAGE).status_code == 302


def test_set_up_code_must_be_six_digits(member_of_the_public: Client, new_starter: User) -> None:
    enter_password(member_of_the_public, "triage-worker-a")

    response = member_of_the_public.post(SETUP_PAGE, {"code": "abc"})

    assert '<a href="#id_code">The code must be 6 digits</a>' in html(response)


def test_correct_code_confirms_the_app_and_shows_recovery_codes_once(
    member_of_the_public: Client, new_starter: User
) -> None:
    enter_password(member_of_the_public, "triage-worker-a", next_url=STAFF_PAGE)
    key = key_on_page(html(member_of_the_public.get(SETUP_PAGE)))

    response = member_of_the_public.post(SETUP_PAGE, {"code": code_for(key)})

    page = html(response)
    codes = re.findall(r'<code class="reference">([a-z2-9]{5}-[a-z2-9]{5})</code>', page)
    assert response.status_code == 200
    assert "You will not see these codes again" in page
    assert len(set(codes)) == 10
    assert f'href="{STAFF_PAGE}"' in page
    assert AuthenticatorApp.objects.get(user=new_starter).confirmed is True
    assert RecoveryCode.objects.filter(device__user=new_starter).count() == 10
    assert member_of_the_public.get(STAFF_PAGE).status_code == 200


def test_wrong_code_then_right_code_after_a_moment(member_of_the_public: Client, new_starter: User) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        enter_password(member_of_the_public, "triage-worker-a")
        key = key_on_page(html(member_of_the_public.get(SETUP_PAGE)))
        member_of_the_public.post(SETUP_PAGE, {"code": f"{(int(code_for(key)) + 1) % 1_000_000:06d}"})
        too_soon = member_of_the_public.post(SETUP_PAGE, {"code": code_for(key)})
        traveller.shift(timedelta(seconds=2))

        response = member_of_the_public.post(SETUP_PAGE, {"code": code_for(key)})

    assert "Wait a minute, then try again" in html(too_soon)
    assert "Save your recovery codes" in html(response)


def test_user_with_an_app_cannot_set_up_another(member_of_the_public: Client, triage_worker_a: User) -> None:
    enter_password(member_of_the_public, "triage-worker-a")

    response = member_of_the_public.get(SETUP_PAGE)

    assert response["Location"] == "/staff/login/code"
    assert AuthenticatorApp.objects.filter(user=triage_worker_a).count() == 1


def test_set_up_without_the_password_step_starts_again(member_of_the_public: Client, new_starter: User) -> None:
    response = member_of_the_public.get(SETUP_PAGE)

    assert response["Location"] == "/staff/login?notice=timed-out"
    assert AuthenticatorApp.objects.count() == 0


def test_a_signed_in_user_is_not_offered_set_up(triage_worker_a: User) -> None:
    response = signed_in_client(triage_worker_a).get(SETUP_PAGE)

    assert response["Location"] == "/staff/login?notice=timed-out"


def test_qr_code_escapes_its_label_and_has_no_style() -> None:
    svg = qr_code_svg("otpauth://totp/Waypost:sam?secret=ABCD", label='Scan "this" <now>')

    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ')
    assert 'aria-label="Scan &quot;this&quot; &lt;now&gt;"' in svg
    assert "style" not in svg
    assert "id=" not in svg


def test_qr_path_draws_exactly_the_dark_modules() -> None:
    text = "otpauth://totp/Waypost:sam?secret=ABCDEFGHIJKLMNOP&issuer=Waypost"
    matrix = qr_matrix(text)
    drawn = [[False] * len(matrix) for _ in matrix]

    for x, y, length in re.findall(r"M(\d+),(\d+)h(\d+)v1h-\d+z", path_data(matrix)):
        for column in range(int(x), int(x) + int(length)):
            drawn[int(y)][column] = True

    assert drawn == matrix
    assert sum(map(sum, matrix)) > 300
