"""A typed, read-only view of a FHIR Questionnaire, so journeys and scoring share one definition."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from waypost.instruments.errors import InvalidDefinition
from waypost.instruments.terminology import ITEM_WEIGHT_URL, TOTAL_LINK_ID
from waypost.instruments.translations import Translations, base_language, in_language, no_translations, translations_of

Answers = Mapping[str, str]

ANSWERABLE_TYPE = "choice"
SUPPORTED_ITEM_TYPES = frozenset({ANSWERABLE_TYPE, "display", "integer"})


@dataclass(frozen=True)
class Coding:
    system: str
    code: str
    display: str | None


@dataclass(frozen=True)
class AnswerOption:
    code: str
    display: str
    system: str
    weight: int | None
    # Other languages' words for `display`; left out of equality so a translation never changes what matches
    display_translations: Translations = field(default_factory=no_translations, compare=False)

    def in_language(self, language: str) -> AnswerOption:
        return replace(self, display=in_language(self.display, self.display_translations, language))


@dataclass(frozen=True)
class EnableCondition:
    """One `enableWhen` entry: the item shows only when `question` was answered with `answer_code`."""

    question: str
    answer_code: str

    def is_met_by(self, answers: Answers) -> bool:
        return answers.get(self.question) == self.answer_code


@dataclass(frozen=True)
class Item:
    link_id: str
    text: str
    type: str
    prefix: str | None
    options: tuple[AnswerOption, ...]
    enable_when: tuple[EnableCondition, ...]
    is_any_condition_enough: bool
    is_required: bool
    is_read_only: bool
    codes: tuple[Coding, ...]
    text_translations: Translations = field(default_factory=no_translations, compare=False)

    def in_language(self, language: str) -> Item:
        """The same item, codes and weights included, with its text and answers' words in `language`."""
        return replace(
            self,
            text=in_language(self.text, self.text_translations, language),
            options=tuple(option.in_language(language) for option in self.options),
        )

    def untranslated(self, language: str) -> tuple[str, ...]:
        """What in this item has no words in `language`: its text, then each answer by code."""
        wanted = base_language(language)
        missing = [f"{self.link_id}: text"] if self.text and wanted not in self.text_translations else []
        missing += [
            f"{self.link_id}: answer {option.code}"
            for option in self.options
            if wanted not in option.display_translations
        ]
        return tuple(missing)

    @property
    def is_question(self) -> bool:
        return self.type == ANSWERABLE_TYPE

    # Definitions never change once loaded, so derived lookups are worked out once (scoring is a hot path)
    @cached_property
    def is_scored(self) -> bool:
        return self.is_question and bool(self.options) and all(option.weight is not None for option in self.options)

    @property
    def maximum_weight(self) -> int:
        return max((option.weight or 0 for option in self.options), default=0)

    def weight_for(self, code: str) -> int:
        """The points an answer scores; codes are unique within an item, and unknown codes score nothing."""
        return sum(option.weight or 0 for option in self.options if option.code == code)

    def option_for(self, code: str) -> AnswerOption | None:
        return self.options_by_code.get(code)

    @cached_property
    def options_by_code(self) -> dict[str, AnswerOption]:
        return {option.code: option for option in self.options}

    def is_enabled(self, answers: Answers) -> bool:
        if not self.enable_when:
            return True
        results = (condition.is_met_by(answers) for condition in self.enable_when)
        return any(results) if self.is_any_condition_enough else all(results)


@dataclass(frozen=True)
class Instrument:
    questionnaire_id: str
    url: str
    title: str
    items: tuple[Item, ...]
    codes: tuple[Coding, ...]
    title_translations: Translations = field(default_factory=no_translations, compare=False)

    def in_language(self, language: str) -> Instrument:
        """Only words change: linkIds, codes, weights and skip logic are the very same objects' values."""
        return replace(
            self,
            title=in_language(self.title, self.title_translations, language),
            items=tuple(item.in_language(language) for item in self.items),
        )

    def untranslated(self, language: str) -> tuple[str, ...]:
        title = () if base_language(language) in self.title_translations else ("title",)
        return title + tuple(missing for item in self.items for missing in item.untranslated(language))

    @cached_property
    def questions(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.is_question)

    @cached_property
    def scored_items(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.is_scored)

    @property
    def maximum_total(self) -> int:
        return sum(item.maximum_weight for item in self.scored_items)

    @property
    def total_codes(self) -> tuple[Coding, ...]:
        total_item = self.item(TOTAL_LINK_ID)
        return total_item.codes if total_item else ()

    def item(self, link_id: str) -> Item | None:
        return self.items_by_link_id.get(link_id)

    @cached_property
    def items_by_link_id(self) -> dict[str, Item]:
        return {item.link_id: item for item in self.items}


def parse_instrument(questionnaire: Mapping[str, Any]) -> Instrument:
    return Instrument(
        questionnaire_id=questionnaire["id"],
        url=questionnaire["url"],
        title=questionnaire["title"],
        items=tuple(parse_item(item) for item in questionnaire.get("item", [])),
        codes=parse_codings(questionnaire.get("code", [])),
        title_translations=translations_of(questionnaire, "title"),
    )


def parse_item(item: Mapping[str, Any]) -> Item:
    link_id = item["linkId"]
    if item["type"] not in SUPPORTED_ITEM_TYPES:
        raise InvalidDefinition(f"Item '{link_id}' has type '{item['type']}', which Waypost cannot score.")
    options = tuple(parse_answer_option(option) for option in item.get("answerOption", []))
    check_weights_are_all_or_nothing(link_id, options)
    return Item(
        link_id=link_id,
        text=item.get("text", ""),
        type=item["type"],
        prefix=item.get("prefix"),
        options=options,
        enable_when=tuple(parse_enable_condition(link_id, entry) for entry in item.get("enableWhen", [])),
        is_any_condition_enough=item.get("enableBehavior") == "any",
        is_required=bool(item.get("required", False)),
        is_read_only=bool(item.get("readOnly", False)),
        codes=parse_codings(item.get("code", [])),
        text_translations=translations_of(item, "text"),
    )


def parse_answer_option(option: Mapping[str, Any]) -> AnswerOption:
    coding = option["valueCoding"]
    return AnswerOption(
        code=coding["code"],
        display=coding.get("display", coding["code"]),
        system=coding.get("system", ""),
        weight=parse_weight(option.get("extension", [])),
        display_translations=translations_of(coding, "display"),
    )


def parse_weight(extensions: Sequence[Mapping[str, Any]]) -> int | None:
    weight = next((entry["valueDecimal"] for entry in extensions if entry["url"] == ITEM_WEIGHT_URL), None)
    if weight is None:
        return None
    # Published instruments score in whole points; a fractional weight would be a typing mistake.
    if int(weight) != weight:
        raise InvalidDefinition(f"The item weight {weight} is not a whole number.")
    return int(weight)


def check_weights_are_all_or_nothing(link_id: str, options: Sequence[AnswerOption]) -> None:
    weighted_count = sum(option.weight is not None for option in options)
    if 0 < weighted_count < len(options):
        raise InvalidDefinition(f"Item '{link_id}' gives a weight to some answers but not to others.")


def parse_enable_condition(link_id: str, entry: Mapping[str, Any]) -> EnableCondition:
    if entry.get("operator") != "=" or "answerCoding" not in entry:
        raise InvalidDefinition(f"Item '{link_id}' uses an enableWhen that is not '=' on a coded answer.")
    return EnableCondition(question=entry["question"], answer_code=entry["answerCoding"]["code"])


def parse_codings(codings: Sequence[Mapping[str, Any]]) -> tuple[Coding, ...]:
    return tuple(
        Coding(system=coding["system"], code=coding["code"], display=coding.get("display")) for coding in codings
    )
