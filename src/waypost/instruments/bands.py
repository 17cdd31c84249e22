"""Result bands for each questionnaire, exactly as published (shared/reference/field-notes.md section 2)."""

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Band:
    code: str
    label: str
    minimum: int
    maximum: int

    def contains(self, total: int) -> bool:
        return self.minimum <= total <= self.maximum


BANDS_BY_QUESTIONNAIRE: Mapping[str, tuple[Band, ...]] = {
    # Our own checklist: a count of signs, never a diagnosis.
    "ketamine-use-signs": (
        Band("few", "You noticed few signs (0 or 1) that ketamine may be causing problems.", 0, 1),
        Band("some", "You noticed some signs (2 or 3) that ketamine may be causing problems.", 2, 3),
        Band("several", "You noticed several signs (4 or 5) that ketamine may be causing problems.", 4, 5),
        Band("many", "You noticed many signs (6 or more) that ketamine may be causing problems.", 6, 10),
    ),
    # Guidance for the family member or friend answering, not a score of the other person.
    "ketamine-signs-observed": (
        Band(
            "few",
            "You have noticed few of these signs. Signs alone cannot tell you what is happening; keep "
            "talking openly and calmly with them, and come back to this check if things change.",
            0,
            2,
        ),
        Band(
            "some",
            "You have noticed some of these signs. It may help to talk with them calmly at a time when they "
            "have not used, and to get confidential advice for yourself from a drugs service or helpline.",
            3,
            5,
        ),
        Band(
            "many",
            "You have noticed many of these signs. Consider getting confidential advice from a drugs service "
            "or a GP about how to help them, and about support for yourself too.",
            6,
            10,
        ),
    ),
    "dast-10": (
        Band("none", "No problems related to drug use reported.", 0, 0),
        Band("low", "Low level of problems related to drug use.", 1, 2),
        Band("moderate", "Moderate level of problems related to drug use.", 3, 5),
        Band("substantial", "Substantial level of problems related to drug use.", 6, 8),
        Band("severe", "Severe level of problems related to drug use.", 9, 10),
    ),
    "phq-9": (
        Band("minimal", "Minimal or no symptoms of depression.", 0, 4),
        Band("mild", "Mild symptoms of depression.", 5, 9),
        Band("moderate", "Moderate symptoms of depression.", 10, 14),
        Band("moderately-severe", "Moderately severe symptoms of depression.", 15, 19),
        Band("severe", "Severe symptoms of depression.", 20, 27),
    ),
    "gad-7": (
        Band("minimal", "Minimal symptoms of anxiety.", 0, 4),
        Band("mild", "Mild symptoms of anxiety.", 5, 9),
        Band("moderate", "Moderate symptoms of anxiety.", 10, 14),
        Band("severe", "Severe symptoms of anxiety.", 15, 21),
    ),
    "bladder-signs": (
        Band("none", "You reported no urinary symptoms.", 0, 0),
        Band("some", "You reported 1 or 2 urinary symptoms that can come from ketamine use.", 1, 2),
        Band("many", "You reported 3 or more urinary symptoms that can come from ketamine use.", 3, 7),
    ),
}

# Complete responses to these get no band, and this label says why in plain words.
LABELS_WITHOUT_BAND: Mapping[str, str] = {
    "sds": (
        "There is no agreed cut-off score for ketamine on this scale, so the total is not put into a band. "
        "A higher total means ketamine use feels more out of control."
    ),
    "safety": "The safety check is not scored into bands; its answers are checked for safety flags instead.",
}


def classify_total(questionnaire_id: str, total: int) -> tuple[str | None, str]:
    """The band code (or None) and its label for a complete response."""
    for band in BANDS_BY_QUESTIONNAIRE.get(questionnaire_id, ()):
        if band.contains(total):
            return band.code, band.label
    return None, LABELS_WITHOUT_BAND[questionnaire_id]
