"""Short reference codes a person can read out on the phone: no 0/O, 1/I/L, or 5/S mix-ups."""

from __future__ import annotations

import secrets

ALPHABET = "ABCDEFGHJKMNPQRTUVWXYZ2346789"
HALF_LENGTH = 4


def new_reference() -> str:
    characters = [secrets.choice(ALPHABET) for _ in range(HALF_LENGTH * 2)]
    return "".join(characters[:HALF_LENGTH]) + "-" + "".join(characters[HALF_LENGTH:])
