"""Level-of-care reasons are stored in English by the pure rules and shown in the console's language (H-096)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.utils import translation

from waypost.treatment import rules
from waypost.treatment.assessment_presenters import reason_text
from waypost.treatment.presenters import match_text


def marked_reasons() -> list[str]:
    """Every string rules.py marks with gettext_noop, read from the source so none can be missed."""
    tree = ast.parse(Path(rules.__file__).read_text())
    return [
        str(node.args[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", "") == "gettext_noop"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]


def test_rules_marks_every_reason_it_can_give() -> None:
    reasons = marked_reasons()

    assert len(reasons) == len(set(reasons)) == 41


@pytest.mark.parametrize("reason", marked_reasons())
def test_every_marked_reason_has_spanish_words(reason: str) -> None:
    with translation.override("es"):
        spanish = reason_text(reason)

    assert spanish
    assert spanish != reason


@pytest.mark.parametrize(
    ("english", "spanish"),
    [
        (
            "Physical health rated 3 (severe) → residential treatment",
            "Salud física calificada con 3 (grave) → tratamiento residencial",
        ),
        (
            "Visible blood in urine → urology referral as well",
            "Sangre visible en la orina → también derivar a urología",
        ),
        (
            "Thoughts of suicide or self-harm, or mental health rated 4 → a mental health crisis assessment today",
            "Pensamientos de suicidio o de hacerse daño, o salud mental calificada con 4 → "
            "una evaluación de crisis de salud mental hoy",
        ),
        ("A reason from a newer version", "A reason from a newer version"),
    ],
)
def test_a_stored_reason_is_shown_in_spanish_or_as_stored(english: str, spanish: str) -> None:
    with translation.override("es"):
        assert reason_text(english) == spanish
    assert reason_text(english) == english


def test_the_composed_reason_reads_back_from_what_the_rules_give() -> None:
    findings = rules.Findings(physical=3)

    reasons = rules.suggest(findings).reasons

    with translation.override("es"):
        shown = [reason_text(reason) for reason in reasons]
    assert shown == [
        "Salud física calificada con 3 (grave) → atención ambulatoria intensiva",
        "Salud física calificada con 3 o más (vejiga, riñones) → también derivar a urología",
        "Aún no están calificadas todas las áreas: la sugerencia puede cambiar.",
    ]


@pytest.mark.parametrize(
    ("english", "spanish"),
    [
        ("Offers medically supervised withdrawal", "Ofrece abstinencia con supervisión médica"),
        ("Does not list intensive outpatient", "No indica atención ambulatoria intensiva"),
        ("Not accepting new clients", "No acepta nuevos pacientes"),
        ("12.5 km away", "a 12.5 km"),
        ("Women only", "Solo mujeres"),
        ("Something a newer version says", "Something a newer version says"),
    ],
)
def test_a_matching_reason_is_shown_in_spanish_or_as_given(english: str, spanish: str) -> None:
    with translation.override("es"):
        assert match_text(english) == spanish
    assert match_text(english) == english
