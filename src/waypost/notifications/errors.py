"""Errors raised when a message is queued, so the caller's transaction rolls back instead of losing it later.

Messages never quote a recipient's address or number: they end up in logs.
"""

from __future__ import annotations


class MessageError(ValueError):
    """A message that cannot be queued as asked."""


class UnknownTemplateError(MessageError):
    pass


class MissingContextError(MessageError):
    pass


class UnexpectedContextError(MessageError):
    pass


class RevealingWordingError(MessageError):
    """A subject line or SMS would name what the service is about, which a shared phone or inbox would show."""


class InvalidRecipientError(MessageError):
    pass


class OutsideTransactionError(RuntimeError):
    """queue_message was called outside transaction.atomic(), so the message could outlive a rolled-back change."""


class MessageAlreadyHandledError(RuntimeError):
    """Two people handled one uncertain or failed message at once; the second is told, nothing is sent twice."""
