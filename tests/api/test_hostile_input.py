"""POST /api/referrals under hostile input: every case is a 4xx with the JSON error shape, never a 5xx."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tests.api.test_referrals import BODY
from waypost.instruments.bands import BANDS_BY_QUESTIONNAIRE
from waypost.instruments.flags import RULES_BY_QUESTIONNAIRE
from waypost.instruments.registry import list_questionnaire_ids
from waypost.intake.models import ContactRequest

pytestmark = pytest.mark.django_db

BODY_JSON = json.dumps(BODY)
ABOVE_DJANGO_UPLOAD_LIMIT = 3 * 1024 * 1024


@pytest.fixture
def attacker() -> Client:
    """Sees a 500 as a response, not a test error, and has no CSRF token: as a real attacker would."""
    return Client(raise_request_exception=False, enforce_csrf_checks=True)


def post_raw(client: Client, data: bytes | str, method: str = "post") -> Any:
    send = getattr(client, method)
    return send("/api/referrals", data=data, content_type="application/json", headers={"Idempotency-Key": "k"})


def with_summary(*entries: Any) -> str:
    return json.dumps({**BODY, "selfcheck_summary": list(entries)})


def assert_json_error(response: Any, status: int) -> dict[str, str]:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    errors: dict[str, str] = response.json()["errors"]
    assert errors
    assert ContactRequest.objects.count() == 0
    return errors


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("[" * 5000 + "]" * 5000, id="5000-nested-arrays"),
        pytest.param(BODY_JSON[:-1] + ', "help_with": ' + "[" * 900 + "]" * 900 + "}", id="field-nested-900-deep"),
        pytest.param(BODY_JSON[:-1] + ', "name": ' + "9" * 5000 + "}", id="integer-of-5000-digits"),
        pytest.param(BODY_JSON[:-1] + ', "name": 1e400}', id="number-too-large-for-a-float"),
        pytest.param(BODY_JSON[:-1] + ', "name": NaN}', id="nan-is-not-json"),
        pytest.param(json.dumps({**BODY, "name": "\ud800"}), id="lone-surrogate-escaped"),
        pytest.param(BODY_JSON[:-1].encode() + b', "name": "\xed\xa0\x80"}', id="lone-surrogate-as-bytes"),
        pytest.param(json.dumps({**BODY, "help_with": "ok", "\udfff": 1}), id="lone-surrogate-in-a-key"),
        pytest.param(BODY_JSON[:-1].encode() + b', "name": "\xff\xfe"}', id="not-utf-8"),
        pytest.param(b"\xff\xfe" + BODY_JSON.encode("utf-16-le"), id="utf-16-with-a-byte-order-mark"),
    ],
)
def test_malformed_bodies_are_a_400_with_a_json_error(attacker: Client, body: str | bytes) -> None:
    errors = assert_json_error(post_raw(attacker, body), 400)

    assert "request" in errors


@pytest.mark.parametrize(
    "flags",
    [
        pytest.param({"danger-now": True}, id="object"),
        pytest.param([["danger-now"]], id="list-in-a-list"),
        pytest.param([{"code": "danger-now"}], id="object-in-a-list"),
        pytest.param("danger-now", id="text"),
    ],
)
def test_flags_of_the_wrong_shape_are_a_422(attacker: Client, flags: Any) -> None:
    errors = assert_json_error(post_raw(attacker, with_summary({"questionnaire": "safety", "flags": flags})), 422)

    assert set(errors) == {"selfcheck_summary"}


@pytest.mark.parametrize(
    "entry",
    [
        pytest.param({"questionnaire": "phq-9", "band": "SEVERE: call " * 1000}, id="free-text-band"),
        pytest.param({"questionnaire": "phq-9", "band": "many"}, id="band-of-another-instrument"),
        pytest.param({"questionnaire": "sds", "band": "severe"}, id="band-for-an-instrument-without-bands"),
        pytest.param({"questionnaire": "phq-9", "band": 3}, id="band-as-a-number"),
        pytest.param({"questionnaire": "phq-9", "band": {"code": "mild"}}, id="band-as-an-object"),
        pytest.param({"questionnaire": "phq-9", "band": ["mild"]}, id="band-as-a-list"),
        pytest.param({"questionnaire": "phq-9", "flags": ["danger-now"]}, id="flag-of-another-instrument"),
        pytest.param({"questionnaire": "safety", "flags": ["SEVERE: call now"]}, id="free-text-flag"),
        pytest.param({"questionnaire": ["phq-9"]}, id="questionnaire-as-a-list"),
    ],
)
def test_summary_accepts_only_the_instruments_own_codes(attacker: Client, entry: dict[str, Any]) -> None:
    errors = assert_json_error(post_raw(attacker, with_summary(entry)), 422)

    assert set(errors) == {"selfcheck_summary"}


@pytest.mark.parametrize("questionnaire_id", list_questionnaire_ids())
def test_summary_accepts_every_band_and_flag_each_instrument_can_give(
    member_of_the_public: Client, questionnaire_id: str
) -> None:
    """Read from the instruments, so a band or flag added there is accepted here without a second list."""
    bands = [band.code for band in BANDS_BY_QUESTIONNAIRE.get(questionnaire_id, ())] + [None]
    flags = [rule.flag.value for rule in RULES_BY_QUESTIONNAIRE.get(questionnaire_id, ())]
    entries = [{"questionnaire": questionnaire_id, "band": band, "flags": flags} for band in bands]

    response = post_raw(member_of_the_public, json.dumps({**BODY, "selfcheck_summary": entries[:10]}))

    assert response.status_code == 201
    stored = json.loads(ContactRequest.objects.get().selfcheck_summary)
    assert stored == entries[:10]


def test_a_body_above_djangos_upload_limit_is_a_413_in_json(attacker: Client) -> None:
    body = json.dumps({**BODY, "help_with": "x" * ABOVE_DJANGO_UPLOAD_LIMIT})

    errors = assert_json_error(post_raw(attacker, body), 413)

    assert errors == {"request": "The body must be 16,384 bytes or fewer"}


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_a_405_in_json_with_an_allow_header(attacker: Client, method: str) -> None:
    response = post_raw(attacker, BODY_JSON, method=method)

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response.json() == {"errors": {"request": f"{method.upper()} is not allowed here; use POST"}}


@pytest.mark.parametrize("url", ["/api/services?lat=53&lon=-2", "/api/openapi.json"])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_read_only_endpoints_answer_other_methods_with_a_405_not_a_csrf_page(
    attacker: Client, url: str, method: str
) -> None:
    response = getattr(attacker, method)(url, data="{}", content_type="application/json")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response.json() == {"errors": {"request": f"{method.upper()} is not allowed here; use GET or HEAD"}}


@pytest.mark.parametrize(
    ("field", "label"),
    [
        ("name", "Name"),
        ("region", "Area or postcode"),
        ("help_with", "What you would like help with"),
        ("safe_contact_notes", "Anything else about contacting you safely"),
    ],
)
def test_a_nul_character_in_text_is_a_422_as_the_web_form_refuses_it(attacker: Client, field: str, label: str) -> None:
    errors = assert_json_error(post_raw(attacker, json.dumps({**BODY, field: "Sam\u0000 x"})), 422)

    assert errors == {field: f"{label} must not contain null characters"}
