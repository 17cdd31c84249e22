"""Which content coding to send, read from a browser's Accept-Encoding header (RFC 9110 section 12.5.3)."""

from __future__ import annotations

IDENTITY = "identity"
# Brotli is smaller than gzip for the same page, so it wins when a browser accepts both equally
PREFERENCE = ("br", "gzip", IDENTITY)


def accepted_weights(accept_encoding: str) -> dict[str, float]:
    """Each named coding with its q-value; a malformed q-value counts as refused."""
    weights: dict[str, float] = {}
    for element in accept_encoding.split(","):
        name, _, parameters = element.strip().partition(";")
        if name:
            weights[name.strip().lower()] = q_value(parameters)
    return weights


def q_value(parameters: str) -> float:
    name, _, value = parameters.strip().partition("=")
    if name.strip().lower() != "q":
        return 1.0
    try:
        return float(value)
    except ValueError:
        return 0.0


def preferred_coding(accept_encoding: str, available: tuple[str, ...]) -> str:
    """The best available coding the browser accepts; identity unless the browser accepts another."""
    weights = accepted_weights(accept_encoding)
    wildcard = weights.get("*", 0.0)
    accepted = [coding for coding in PREFERENCE if coding in available and weights.get(coding, wildcard) > 0]
    compressed = [coding for coding in accepted if coding != IDENTITY]
    if not compressed:
        return IDENTITY
    return max(compressed, key=lambda coding: weights.get(coding, wildcard))
