"""How search reads words in each language the pages are written in: its stemmer, stop words and accents.

English is read as it always was. Spanish folds accents before anything else, so "riñón", "riñon" and "rinon"
are one word, whether the page or the reader typed the accent (docs/adr/0045-learn-pages-in-spanish.md).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

ENGLISH_STOP_WORDS = frozenset(
    """a an and are as at be but by can do does for from how i if in is it its me my of on or so that the
    their them they this to was what when where which who why will with you your""".split()  # noqa: SIM905
)
# Written without accents: they are compared with words whose accents are already folded
SPANISH_STOP_WORDS = frozenset(
    """a al algo algun alguna algunas alguno algunos ante antes como con contra cual cuales cuando de del
    desde donde durante e el ella ellas ello ellos en entre era es esa esas ese eso esos esta estan estas
    este esto estos fue ha han hasta hay la las le les lo los me mi mis muy nos o os otra otras otro otros
    para pero por porque que quien quienes se sea ser si sin sobre son su sus tambien te ti tu tus u un una
    unas uno unos usted ustedes y ya yo""".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class Analyser:
    """The Snowball stemmer's name, the words too common to search for, and whether accents are folded."""

    stemmer_name: str
    stop_words: frozenset[str]
    folds_accents: bool


ANALYSERS = {
    "en": Analyser("english", ENGLISH_STOP_WORDS, folds_accents=False),
    "es": Analyser("spanish", SPANISH_STOP_WORDS, folds_accents=True),
}


def folded(text: str) -> str:
    """The text without accents or tildes: "riñón" → "rinon", "Vejiga" keeps its letters."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(character for character in decomposed if not unicodedata.combining(character))
