"""What the public site offers, listed once for the header, the home page and the footer.

An entry appears only when its app is installed and its URL resolves, so the site never links to a
page that does not exist yet.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cache

from django.urls import NoReverseMatch, get_script_prefix, reverse


@dataclass(frozen=True)
class Offer:
    url_name: str
    label: str
    heading: str
    description: str


OFFERS = (
    Offer(
        "selfcheck:start",
        "Check",
        "Check your use, privately",
        "Answer a few short questions about ketamine and how you feel. Nothing you answer is stored.",
    ),
    Offer(
        "content:index",
        "Learn",
        "Learn what the signs mean",
        "Plain answers about ketamine, the bladder, mixing drugs, and how to help someone you care about.",
    ),
    Offer(
        "intake:start",
        "Get help",
        "Ask someone to contact you",
        "Tell us how and when it is safe to contact you. A trained person will get in touch.",
    ),
    Offer(
        "conversations:start",
        "Chat",
        "Chat with someone now",
        "Type to a trained person without giving your name. Ending the chat clears it from your screen.",
    ),
    Offer(
        "directory:search",
        "Find a service",
        "Find a service near you",
        "Search for treatment and support services, with who runs them and how recently they were checked.",
    ),
)


@dataclass(frozen=True)
class Link(Offer):
    url: str


def available_offers() -> tuple[Link, ...]:
    return offers_under(get_script_prefix())


# Once per script prefix: a region in the address (/us/) is one (core/regions.py)
@cache
def offers_under(script_prefix: str) -> tuple[Link, ...]:
    links = []
    for offer in OFFERS:
        try:
            url = reverse(offer.url_name)
        except NoReverseMatch:
            continue
        links.append(Link(**asdict(offer), url=url))
    return tuple(links)
