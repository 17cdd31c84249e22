"""The OpenAPI document states what the endpoints enforce, so a client (or a fuzzer) can rely on it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from waypost.api.openapi import openapi_document

pytestmark = pytest.mark.django_db


def search_parameters() -> dict[str, dict[str, Any]]:
    operation = openapi_document()["paths"]["/api/services"]["get"]
    return {parameter["name"]: parameter["schema"] for parameter in operation["parameters"]}


@pytest.mark.parametrize(
    ("name", "minimum", "maximum"), [("lat", -90, 90), ("lon", -180, 180), ("radius_km", 0.1, 200)]
)
def test_decimal_parameters_are_documented_as_numbers(name: str, minimum: float, maximum: float) -> None:
    assert search_parameters()[name] == {"type": "number", "minimum": minimum, "maximum": maximum}


@pytest.mark.parametrize("name", ["page", "page_size"])
def test_whole_number_parameters_are_documented_as_integers(name: str) -> None:
    assert search_parameters()[name]["type"] == "integer"


def test_conditional_requirements_are_in_the_schema_not_only_in_descriptions() -> None:
    referral = openapi_document()["components"]["schemas"]["Referral"]

    conditions = {str(rule["if"]): rule["then"]["required"] for rule in referral["allOf"]}
    assert sorted(conditions.values()) == sorted(
        [["relationship", "person_knows"], ["phone", "voicemail_ok"], ["phone"], ["email"], ["safe_to_text"]]
    )
    text_chosen = {"required": ["contact_methods"], "properties": {"contact_methods": {"contains": {"const": "text"}}}}
    assert conditions[str(text_chosen)] == ["phone"]


def test_summary_entries_are_limited_to_each_instruments_own_codes() -> None:
    entries = openapi_document()["components"]["schemas"]["Referral"]["properties"]["selfcheck_summary"]["items"]

    by_questionnaire = {entry["properties"]["questionnaire"]["const"]: entry for entry in entries["anyOf"]}
    assert by_questionnaire["phq-9"]["properties"]["band"]["enum"] == [
        "mild",
        "minimal",
        "moderate",
        "moderately-severe",
        "severe",
        None,
    ]
    assert by_questionnaire["phq-9"]["properties"]["flags"]["items"]["enum"] == ["self-harm-thoughts"]
    assert by_questionnaire["sds"]["properties"]["band"]["enum"] == [None]


@pytest.mark.parametrize("name", ["page", "page_size", "radius_km", "care_type", "accepting"])
def test_an_empty_optional_parameter_is_a_400_naming_it(member_of_the_public: Client, name: str) -> None:
    query = {"lat": "53.48", "lon": "-2.24", name: ""}

    response = member_of_the_public.get("/api/services", query)

    assert response.status_code == 400
    assert response.json() == {"errors": {name: "Give a value, or leave the parameter out"}}
