"""What the public site offers, listed once for the header, the home page and the footer.

An entry appears only when its app is installed and its URL resolves, so the site never links to a
page that does not exist yet.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cache

from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop


@dataclass(frozen=True)
class Offer:
    url_name: str
    label: str
    heading: str
    description: str


OFFERS = (
    Offer(
        "selfcheck:start",
        gettext_noop("Check"),
        gettext_noop("Check your use, privately"),
        gettext_noop("Answer a few short questions about ketamine and how you feel. Nothing you answer is stored."),
    ),
    Offer(
        "content:index",
        gettext_noop("Learn"),
        gettext_noop("Learn what the signs mean"),
        gettext_noop(
            "Plain answers about ketamine, the bladder, mixing drugs, and how to help someone you care about."
        ),
    ),
    Offer(
        "intake:start",
        gettext_noop("Get help"),
        gettext_noop("Ask someone to contact you"),
        gettext_noop("Tell us how and when it is safe to contact you. A trained person will get in touch."),
    ),
    Offer(
        "conversations:start",
        gettext_noop("Chat"),
        gettext_noop("Chat with someone now"),
        gettext_noop("Type to a trained person without giving your name. Ending the chat clears it from your screen."),
    ),
    Offer(
        "directory:search",
        gettext_noop("Find a service"),
        gettext_noop("Find a service near you"),
        gettext_noop(
            "Search for treatment and support services, with who runs them and how recently they were checked."
        ),
    ),
)


@dataclass(frozen=True)
class Link(Offer):
    url: str


def available_offers() -> tuple[Link, ...]:
    return offers_under(get_script_prefix(), translation.get_language() or "")


# Once per script prefix (a region or language in the address is part of it) and language, whose words they hold
@cache
def offers_under(script_prefix: str, active_language: str) -> tuple[Link, ...]:
    links = []
    for offer in OFFERS:
        try:
            url = reverse(offer.url_name)
        except NoReverseMatch:
            continue
        words = {name: _(value) for name, value in asdict(offer).items() if name != "url_name"}
        links.append(Link(url_name=offer.url_name, **words, url=url))
    return tuple(links)
