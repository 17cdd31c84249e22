"""`waypost worker`: deliver the outbox, batch by batch, until SIGTERM or SIGINT (or once, with --once)."""

from __future__ import annotations

import contextlib
import enum
import logging
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Mapping
from types import FrameType

from django.db import DatabaseError, close_old_connections
from django.utils.module_loading import import_string

from waypost.core.encryption import DecryptionError
from waypost.notifications.adapters import Adapter, Delivery, DeliveryError, adapters_from_settings, describe_delivery
from waypost.notifications.models import Channel, OutboundMessage, Status
from waypost.notifications.outbox import (
    OutboxPolicy,
    claim_due_messages,
    mark_interrupted_sends_uncertain,
    mark_sending,
    record_failure,
    record_sent,
    record_unknown_outcome,
    record_unreadable,
    release_claims,
)
from waypost.notifications.services import count_uncertain_messages

logger = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 20
# Checked at most this often by a running worker: cheap queries on indexed columns
PERIODIC_SECONDS = 300
PERIODIC_TASKS = (
    "waypost.treatment.services.run_referral_timers",
    "waypost.conversations.services.apply_conversation_retention",
    "waypost.recovery.services.run_recovery_timers",
)


class Outcome(enum.StrEnum):
    SENT = "sent"
    RETRYING = "retrying"
    FAILED = "failed"
    UNCERTAIN = "uncertain"
    SKIPPED = "skipped"


class OutboxWorker:
    def __init__(
        self,
        *,
        adapters: Mapping[Channel, Adapter],
        batch_size: int = DEFAULT_BATCH_SIZE,
        policy: OutboxPolicy | None = None,
        stop: threading.Event | None = None,
    ) -> None:
        self.adapters = adapters
        self.batch_size = batch_size
        self.policy = policy or OutboxPolicy.from_settings()
        self.stop = stop or threading.Event()

    def run_once(self) -> Counter[Outcome]:
        """Deliver everything due now, then return what happened."""
        outcomes: Counter[Outcome] = Counter()
        while not self.stop.is_set():
            batch = self.deliver_batch()
            outcomes.update(batch)
            if not batch:
                break
        return outcomes

    def run_forever(self, *, poll_seconds: float) -> None:
        next_periodic = 0.0
        while not self.stop.is_set():
            close_old_connections()
            try:
                if time.monotonic() >= next_periodic:
                    run_periodic_tasks()
                    next_periodic = time.monotonic() + PERIODIC_SECONDS
                self.run_once()
            except DatabaseError as error:
                # A database restart should not need a worker restart: wait and try again
                logger.error("Outbox unavailable (%s); trying again in %s s", type(error).__name__, poll_seconds)
            self.stop.wait(poll_seconds)

    def deliver_batch(self) -> list[Outcome]:
        self.note_interrupted_sends()
        claim = claim_due_messages(batch_size=self.batch_size, lease=self.policy.lease)
        outcomes = []
        try:
            for message_id in claim.message_ids:
                if self.stop.is_set():
                    break
                outcomes.append(self.deliver(message_id, token=claim.token))
        finally:
            # If the database is down the lease returns them later instead
            with contextlib.suppress(DatabaseError):
                release_claims(claim.token)
        return outcomes

    def deliver(self, message_id: int, *, token: str) -> Outcome:
        try:
            message = OutboundMessage.objects.get(pk=message_id, status=Status.CLAIMED, claim_token=token)
        except OutboundMessage.DoesNotExist:
            return Outcome.SKIPPED
        except DecryptionError:
            record_unreadable(message_id, token=token)
            logger.error("Message %s cannot be decrypted with the configured keys; marked failed", message_id)
            return Outcome.FAILED
        # Looked up before "sending" is recorded: a missing adapter is a bug to raise, not an uncertain send
        adapter = self.adapters[Channel(message.channel)]
        if not mark_sending(message_id, token=token, lease=self.policy.lease):
            return Outcome.SKIPPED
        return self.send(message, adapter, token=token, attempt=message.attempts + 1)

    def send(self, message: OutboundMessage, adapter: Adapter, *, token: str, attempt: int) -> Outcome:
        try:
            provider_id = adapter.send(delivery_of(message))
        except DeliveryError as error:
            return self.record_refusal(message, token=token, attempt=attempt, error=error)
        except Exception as error:
            # The provider may have the message: never resend automatically (docs/adr/0007)
            detail = getattr(error, "detail", "") or f"{type(error).__name__}: {error}"
            record_unknown_outcome(message.pk, token=token, detail=detail)
            logger.warning(
                "Message %s may or may not have been sent (%s); marked uncertain", message.pk, describe(error)
            )
            return Outcome.UNCERTAIN
        record_sent(message.pk, token=token, provider_id=provider_id)
        logger.info(
            "Sent message %s (%s %r, reference %r)", message.pk, message.channel, message.template, message.reference
        )
        return Outcome.SENT

    def record_refusal(self, message: OutboundMessage, *, token: str, attempt: int, error: DeliveryError) -> Outcome:
        is_final = error.is_permanent or attempt >= self.policy.max_attempts
        retry_in = self.policy.retry_delay(attempt)
        record_failure(message.pk, token=token, detail=error.detail, is_final=is_final, retry_in=retry_in)
        if is_final:
            logger.error("Message %s failed after %s attempts: %s", message.pk, attempt, error.summary)
            return Outcome.FAILED
        logger.warning(
            "Message %s not sent (attempt %s of %s): %s Next try in %s s.",
            message.pk,
            attempt,
            self.policy.max_attempts,
            error.summary,
            int(retry_in.total_seconds()),
        )
        return Outcome.RETRYING

    def note_interrupted_sends(self) -> None:
        interrupted = mark_interrupted_sends_uncertain()
        if interrupted:
            logger.warning(
                "%s message(s) were being sent when a worker stopped; marked uncertain, not resent. "
                "A person should check whether they arrived.",
                interrupted,
            )


def delivery_of(message: OutboundMessage) -> Delivery:
    return Delivery(
        recipient=message.recipient,
        subject=message.subject,
        body=message.body,
        delivery_key=str(message.delivery_key),
    )


def describe(error: BaseException) -> str:
    """A log line's worth, without the provider's own words (they can quote the recipient)."""
    return str(getattr(error, "summary", "")) or type(error).__name__


def run_periodic_tasks() -> None:
    """Jobs other apps need run now and then (referral timers); named, not imported, so this app depends on none."""
    for name in PERIODIC_TASKS:
        import_string(name)()


def run_worker_command(*, once: bool, batch_size: int, poll_seconds: float) -> int:
    if batch_size < 1 or poll_seconds <= 0:
        print("waypost worker: --batch-size must be at least 1 and --poll-seconds above 0", file=sys.stderr)
        return 2
    stop = threading.Event()
    stop_on_signals(stop)
    worker = OutboxWorker(adapters=adapters_from_settings(), batch_size=batch_size, stop=stop)
    announce_start()
    if once:
        return run_once_for_command(worker)
    worker.run_forever(poll_seconds=poll_seconds)
    logger.info("Outbox worker stopped")
    return 0


def run_once_for_command(worker: OutboxWorker) -> int:
    try:
        outcomes = worker.run_once()
    except DatabaseError as error:
        logger.error("Outbox unavailable (%s)", error)
        return 1
    summary = ", ".join(f"{outcomes[outcome]} {outcome}" for outcome in Outcome if outcome != Outcome.SKIPPED)
    logger.info("Outbox worker finished: %s", summary)
    return 0


def announce_start() -> None:
    logger.info("Outbox worker started: %s", describe_delivery())
    with contextlib.suppress(DatabaseError):
        uncertain = count_uncertain_messages()
        if uncertain:
            logger.warning("%s message(s) are uncertain: a worker stopped while sending them. Check them.", uncertain)


def stop_on_signals(stop: threading.Event) -> None:
    """Finish the message being sent, put the rest of the batch back, and exit."""

    def request_stop(number: int, frame: FrameType | None) -> None:
        logger.info("Stopping after the current message (%s)", signal.Signals(number).name)
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
