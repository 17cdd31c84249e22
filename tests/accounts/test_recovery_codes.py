"""Recovery codes: shown once, stored only as hashes, each one signs in once."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.accounts.steps import STAFF_PAGE, enter_code, enter_password, html
from tests.conftest import signed_in_client
from waypost.accounts.models import RecoveryCode, User
from waypost.accounts.two_factor import recovery_codes_left, replace_recovery_codes

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.accounts.urls")]

RECOVERY_PAGE = "/staff/recovery-codes"


def test_codes_are_readable_and_stored_only_as_hashes(triage_worker_a: User) -> None:
    codes = replace_recovery_codes(user=triage_worker_a)

    stored = set(RecoveryCode.objects.values_list("code_hash", flat=True))
    assert len(codes) == 10
    assert all(re.fullmatch(r"[a-z2-9]{5}-[a-z2-9]{5}", code) for code in codes)
    assert len(stored) == 10
    assert not stored & {code.replace("-", "") for code in codes}


def test_a_recovery_code_signs_in_once(member_of_the_public: Client, triage_worker_a: User) -> None:
    code = replace_recovery_codes(user=triage_worker_a)[0]
    enter_password(member_of_the_public, "triage-worker-a", next_url=STAFF_PAGE)

    response = enter_code(member_of_the_public, code.upper())

    assert response.status_code == 302
    assert response["Location"] == f"{RECOVERY_PAGE}?used=1&next=%2Fstaff%2Ftest-page"
    assert member_of_the_public.get(STAFF_PAGE).status_code == 200
    assert recovery_codes_left(triage_worker_a) == 9
    again = Client()
    enter_password(again, "triage-worker-a")
    assert "The code is not right" in html(enter_code(again, code))


def test_after_a_recovery_code_says_how_many_are_left(member_of_the_public: Client, triage_worker_a: User) -> None:
    code = replace_recovery_codes(user=triage_worker_a)[0]
    enter_password(member_of_the_public, "triage-worker-a", next_url=STAFF_PAGE)

    response = member_of_the_public.get(enter_code(member_of_the_public, code)["Location"])

    page = html(response)
    assert "You signed in with a recovery code" in page
    assert "You have 9 unused recovery codes." in page
    assert f'href="{STAFF_PAGE}"' in page


def test_codes_from_an_older_set_stop_working(member_of_the_public: Client, triage_worker_a: User) -> None:
    old_code = replace_recovery_codes(user=triage_worker_a)[0]
    replace_recovery_codes(user=triage_worker_a)
    enter_password(member_of_the_public, "triage-worker-a")

    response = enter_code(member_of_the_public, old_code)

    assert "The code is not right" in html(response)


def test_recovery_page_needs_both_factors(member_of_the_public: Client, triage_worker_a: User) -> None:
    member_of_the_public.force_login(triage_worker_a)

    response = member_of_the_public.get(RECOVERY_PAGE)

    assert response["Location"] == "/staff/login?next=/staff/recovery-codes"


def test_making_new_codes_shows_them_once_and_replaces_the_old(triage_worker_a: User) -> None:
    old_codes = replace_recovery_codes(user=triage_worker_a)
    client = signed_in_client(triage_worker_a)
    page = html(client.get(RECOVERY_PAGE))

    response = client.post(RECOVERY_PAGE)

    new_codes = re.findall(r'<code class="reference">([a-z2-9-]{11})</code>', html(response))
    assert "You have 10 unused recovery codes." in page
    assert response.status_code == 200
    assert len(new_codes) == 10
    assert not set(new_codes) & set(old_codes)
    assert recovery_codes_left(triage_worker_a) == 10
    assert "no-store" in response["Cache-Control"]


def test_warns_when_few_codes_are_left(triage_worker_a: User) -> None:
    replace_recovery_codes(user=triage_worker_a, count=2)

    page = html(signed_in_client(triage_worker_a).get(RECOVERY_PAGE))

    assert "You have 2 unused recovery codes." in page
    assert "Make new codes now" in page
