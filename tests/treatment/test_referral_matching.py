"""Table tests for the pure ranking of services by fit (treatment/matching.py)."""

from __future__ import annotations

import pytest

from waypost.treatment.matching import Candidate, Need, match, rank

IOP_MEDICAID = Need(level_of_care="intensive-outpatient", payment="medicaid")


@pytest.mark.parametrize(
    ("candidate", "need", "score", "reasons", "concerns"),
    [
        (
            Candidate(
                "service:1",
                "A",
                care_types=frozenset({"intensive-outpatient"}),
                payment_options=frozenset({"medicaid"}),
                accepting="yes",
                distance_km=3.2,
            ),
            IOP_MEDICAID,
            75,
            ("Offers intensive outpatient", "Takes Medicaid", "Accepting new clients", "3.2 km away"),
            (),
        ),
        (
            Candidate("service:2", "B", accepting="no", distance_km=12.0),
            IOP_MEDICAID,
            -32,
            ("12.0 km away",),
            ("Does not list intensive outpatient", "Does not list Medicaid", "Not accepting new clients"),
        ),
        (
            Candidate("provider:3", "C", care_types=frozenset({"outpatient-counselling"}), is_on_waypost=True),
            Need(level_of_care="outpatient", payment="public"),
            45,
            ("Offers outpatient care", "On Waypost: answers in its console"),
            (
                "Does not list Free or publicly funded (NHS)",
                "Not known whether accepting new clients",
                "Distance not known",
            ),
        ),
        (
            Candidate(
                "service:4",
                "D",
                gender="women",
                languages=frozenset({"es"}),
                age_groups=frozenset({"young-adults"}),
                distance_km=0.0,
            ),
            Need(language="es", age_group="young-adults", gender="women"),
            20,
            ("Offers care in Spanish", "Sees young adults (18 to 25)", "Women only", "0.0 km away"),
            ("Not known whether accepting new clients",),
        ),
        (
            Candidate("service:5", "E", gender="women", distance_km=200.0),
            Need(gender="men"),
            -70,
            ("200.0 km away",),
            ("Not known whether accepting new clients", "Women only"),
        ),
        (
            Candidate("service:6", "F", gender="men", distance_km=1.0),
            Need(),
            0,
            ("1.0 km away",),
            ("Not known whether accepting new clients", "Men only"),
        ),
    ],
)
def test_scores_each_fit_with_its_reasons(
    candidate: Candidate, need: Need, score: int, reasons: tuple[str, ...], concerns: tuple[str, ...]
) -> None:
    found = match(candidate, need)

    assert (found.score, found.reasons, found.concerns) == (score, reasons, concerns)


def test_ranks_by_fit_before_distance_and_breaks_ties_by_distance_then_name() -> None:
    fits = Candidate("service:1", "Far fit", care_types=frozenset({"intensive-outpatient"}), distance_km=9.0)
    near = Candidate("service:2", "Near misfit", distance_km=0.5)
    same_b = Candidate("service:3", "Bravo", distance_km=2.0)
    same_a = Candidate("service:4", "Alpha", distance_km=2.0)
    unknown = Candidate("service:5", "Aardvark")

    ranked = rank([unknown, same_b, near, same_a, fits], IOP_MEDICAID)

    assert [found.candidate.name for found in ranked] == ["Far fit", "Near misfit", "Alpha", "Bravo", "Aardvark"]


def test_takes_five_km_per_point_off_and_no_more_than_twenty() -> None:
    assert match(Candidate("service:1", "A", distance_km=24.9), Need()).score == -4
    assert match(Candidate("service:1", "A", distance_km=900.0), Need()).score == -20
