"""Reading the FHIR `translation` extension: a primitive's `_text`, `_display` or `_title` sibling carries the
same words in other languages, so a Questionnaire holds one copy of each wording per language and any FHIR tool
can show it (http://hl7.org/fhir/StructureDefinition/translation)."""

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from waypost.instruments.terminology import SOURCE_LANGUAGE, TRANSLATION_URL

Translations = Mapping[str, str]
NO_TRANSLATIONS: Translations = MappingProxyType({})


def no_translations() -> Translations:
    return NO_TRANSLATIONS


def translations_of(element: Mapping[str, Any], name: str) -> Translations:
    """Language code to text, from the `_<name>` sibling of element[name]; empty when there is none."""
    extensions = element.get(f"_{name}", {}).get("extension", [])
    found = dict(translation_entry(entry) for entry in extensions if entry.get("url") == TRANSLATION_URL)
    return MappingProxyType(found) if found else NO_TRANSLATIONS


def translation_entry(extension: Mapping[str, Any]) -> tuple[str, str]:
    parts = {part["url"]: part for part in extension.get("extension", [])}
    return parts["lang"]["valueCode"], parts["content"]["valueString"]


def base_language(language: str) -> str:
    """'es-US' and 'es' both read the 'es' translation; 'en-gb' reads the source text."""
    return language.split("-")[0].lower()


def in_language(text: str, translations: Translations, language: str) -> str:
    """The text in `language`, or the source text when that language has no translation."""
    wanted = base_language(language)
    return text if wanted == SOURCE_LANGUAGE else translations.get(wanted, text)
