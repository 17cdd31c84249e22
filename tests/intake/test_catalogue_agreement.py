"""Django merges every app's catalogue, the app listed first winning: a Spanish word of ours that another app
translates differently would silently show theirs. Each of these apps' translations must be the one shown."""

from __future__ import annotations

import gettext as gnu_gettext
from pathlib import Path

import pytest
from django.utils import translation

import waypost

APPS = ("intake", "directory", "notifications")


def catalogue(app: str) -> dict[object, str]:
    path = Path(waypost.__file__).parent / app / "locale" / "es" / "LC_MESSAGES" / "django.mo"
    with path.open("rb") as file:
        return dict(gnu_gettext.GNUTranslations(file)._catalog)  # type: ignore[attr-defined]


def shown_in_spanish(key: str) -> str:
    with translation.override("es"):
        if "\x04" in key:  # a message with a context (pgettext)
            context, message = key.split("\x04", 1)
            return translation.pgettext(context, message)
        return translation.gettext(key)


@pytest.mark.parametrize("app", APPS)
def test_every_spanish_translation_of_ours_is_the_one_django_shows(app: str) -> None:
    # Plural forms are keyed by (message, form); the header by ""
    ours = {key: text for key, text in catalogue(app).items() if isinstance(key, str) and key}

    overridden = {key: (text, shown_in_spanish(key)) for key, text in ours.items() if shown_in_spanish(key) != text}

    assert overridden == {}


@pytest.mark.parametrize("app", APPS)
def test_no_other_app_translates_one_of_our_messages_differently(app: str) -> None:
    # Whichever app is listed first wins, so a difference would change someone's page without their knowing
    root = Path(waypost.__file__).parent
    others = {path.parts[-5]: path for path in root.glob("*/locale/es/LC_MESSAGES/django.mo")}
    ours = catalogue(app)

    differences = {
        (other, str(key)): (text, theirs[key])
        for other in sorted(others)
        if other != app
        for theirs in [catalogue(other)]
        for key, text in ours.items()
        if isinstance(key, str) and key and key in theirs and theirs[key] != text
    }

    assert differences == {}
