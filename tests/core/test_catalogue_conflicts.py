"""Two apps must not translate the same English differently: Django merges their catalogues and one silently wins."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from django.utils import translation

from waypost.treatment.choices import Pregnancy

REPOSITORY = Path(__file__).resolve().parents[2]
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def messages_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("messages_script", REPOSITORY / "scripts" / "messages.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_catalogue(package: Path, app: str, entries: str) -> None:
    folder = package / app / "locale" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_text(HEADER + entries)


def test_no_two_apps_give_the_same_english_different_spanish() -> None:
    assert messages_script().conflicting_translations() == []


def test_the_check_names_english_that_two_apps_translate_differently(tmp_path: Path) -> None:
    write_catalogue(tmp_path, "selfcheck", 'msgid "Me"\nmsgstr "Sobre mí"\n\nmsgid "Yes"\nmsgstr "Sí"\n')
    write_catalogue(tmp_path, "triage", 'msgid "Me"\nmsgstr "Yo"\n\nmsgid "Yes"\nmsgstr "Sí"\n')

    conflicts = messages_script().conflicting_translations(tmp_path)

    assert conflicts == ["'Me': selfcheck 'Sobre mí'; triage 'Yo'"]


def test_a_context_keeps_two_meanings_of_one_english_word_apart(tmp_path: Path) -> None:
    write_catalogue(tmp_path, "selfcheck", 'msgid "Me"\nmsgstr "Sobre mí"\n')
    write_catalogue(tmp_path, "triage", 'msgctxt "queue: requests I own"\nmsgid "Me"\nmsgstr "Yo"\n')

    assert messages_script().conflicting_translations(tmp_path) == []


def test_the_pregnancy_answer_and_the_self_checks_not_sure_keep_their_own_spanish() -> None:
    with translation.override("es"):
        about_the_person = str(Pregnancy.NOT_SURE.label)
        the_person_speaking = translation.gettext("Not sure")

    # The self-check's age question asks the person; the assessment records what the person said about a pregnancy
    assert (about_the_person, the_person_speaking) == ("No está segura", "No estoy seguro o segura")
