"""How soon a person is contacted, in words of the page's or message's language."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext, gettext_noop

# The default of WAYPOST_FIRST_CONTACT_TARGET, marked so that its Spanish is in the catalogue
DEFAULT_TARGET = gettext_noop("1 working day")


def first_contact_within() -> str:
    """The operator's target, translated when it is one the catalogue knows; otherwise as the operator wrote it."""
    target = settings.FIRST_CONTACT_TARGET
    return gettext(target) if target else target  # gettext("") would be the catalogue's header
