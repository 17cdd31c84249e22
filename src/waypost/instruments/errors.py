"""Errors raised by the instruments layer; every message is one sentence a person can act on."""


class InstrumentError(ValueError):
    """Base class: something about a questionnaire or an answer to it is not right."""


class UnknownQuestionnaire(InstrumentError):
    """The questionnaire id is not one Waypost ships."""


class InvalidResponse(InstrumentError):
    """Answers or a QuestionnaireResponse do not fit the questionnaire they claim to answer."""


class InvalidDefinition(InstrumentError):
    """A questionnaire definition uses something the scoring engine does not support."""
