"""Writes for contact requests: submit (counted against the per-client rate limit), erase, purge."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import ForeignObjectRel, Model, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from waypost.accounts.models import Organisation
from waypost.core.encryption import keyed_hash
from waypost.core.helplines import emergency_line
from waypost.core.regions import current_language, current_region
from waypost.intake.choices import ContactMethod, Source, Status
from waypost.intake.details import ContactDetails
from waypost.intake.first_contact import first_contact_within
from waypost.intake.models import ContactDraft, ContactRequest, IdempotencyRecord
from waypost.intake.ratelimit import RateLimited, count_attempt, purge_old_windows
from waypost.intake.references import new_reference
from waypost.notifications.models import Channel, OutboundMessage
from waypost.notifications.services import (
    erase_messages_about,
    new_message,
    purge_sent_messages,
    queue_messages,
    team_alert,
)
from waypost.notifications.speaking import Audience, speaking_to

CONSENT_VERSION = "2026-11"
REFERENCE_ATTEMPTS = 5
DRAFT_LIFETIME = datetime.timedelta(minutes=30)
PERSONAL_FIELDS = ("phone", "email", "safe_contact_notes", "name", "region", "help_with", "selfcheck_summary")
# What an erased request keeps of these: nothing that says who the person is, what they asked or how they are
TOMBSTONE: dict[str, Any] = {
    **dict.fromkeys(PERSONAL_FIELDS),
    "phone_hash": "",
    "email_hash": "",
    "for_whom": "",
    "relationship": "",
    "person_knows": "",
    "can_call": False,
    "can_text": False,
    "can_email": False,
    "best_times": [],
    "voicemail_ok": None,
    "safe_to_text": None,
    "has_red_flag": False,
    "duplicate_of": None,
}


class IdempotencyConflict(Exception):
    """The Idempotency-Key was used before with a different body or by a different client."""


@dataclass(frozen=True)
class Submission:
    request: ContactRequest
    is_new: bool


def submit_contact_request(
    *,
    details: ContactDetails,
    source: Source,
    client_address: str = "",
    idempotency_key: str = "",
    body_fingerprint: str = "",
) -> Submission:
    """Store the request and its messages in one transaction; 'received' may be said only after this returns.

    A repeated Idempotency-Key loses the unique-constraint race inside the transaction (or is refused by the
    rate limit) and is answered from the first submission, if it came from the same client with the same body;
    a clash of random reference codes (about one in 10^11) simply tries again.
    """
    key_hash = keyed_hash(idempotency_key, purpose="idempotency-key") if idempotency_key else ""
    request_hash = submission_fingerprint(client_address, body_fingerprint)
    for _ in range(REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                # Counted in the same transaction as the request: one commit (one disk flush) per submission
                if client_address:
                    count_attempt(client_address)
                return Submission(store_request(details, source, key_hash, request_hash), is_new=True)
        except RateLimited:
            # Looked up only once refused, so a new submission stays four INSERTs and no reads
            if key_hash and (earlier := earlier_submission(key_hash, request_hash)):
                return earlier
            raise
        except IntegrityError:
            if key_hash and (earlier := earlier_submission(key_hash, request_hash)):
                return earlier
    raise IntegrityError("Could not store the request with a free reference code")


def submission_fingerprint(client_address: str, body_fingerprint: str) -> str:
    """The body's fingerprint bound to the client, so a key replayed by anyone else finds a conflict."""
    return keyed_hash(f"{client_address}\x00{body_fingerprint}", purpose="idempotency-submission")


def store_request(details: ContactDetails, source: Source, key_hash: str, request_hash: str) -> ContactRequest:
    contact_request = ContactRequest.objects.create(reference=new_reference(), **request_fields(details, source))
    # The organisation was chosen inside the INSERT: drop the expression so Django treats the field as deferred
    # (it loads the value on first use, as for .defer())
    vars(contact_request).pop("organisation_id")
    if key_hash:
        IdempotencyRecord.objects.create(
            key_hash=key_hash,
            body_hash=request_hash,
            contact_request=contact_request,
            created_at=contact_request.created_at,
        )
    alert = team_alert(
        reference=contact_request.reference, has_red_flag=contact_request.has_red_flag, staff_url=settings.STAFF_URL
    )
    queue_messages([message for message in (confirmation(contact_request, details), alert) if message is not None])
    return contact_request


def earlier_submission(key_hash: str, request_hash: str) -> Submission | None:
    record = IdempotencyRecord.objects.select_related("contact_request").filter(key_hash=key_hash).first()
    if record is None:
        return None
    if record.body_hash != request_hash:
        raise IdempotencyConflict("This Idempotency-Key was already used for a different request.")
    return Submission(record.contact_request, is_new=False)


def fingerprint(body: Any) -> str:
    """A keyed hash of the request body in canonical form, so the body itself is never kept."""
    return keyed_hash(json.dumps(body, sort_keys=True, separators=(",", ":")), purpose="idempotency-body")


def request_fields(details: ContactDetails, source: Source) -> dict[str, Any]:
    now = timezone.now()
    return {
        "created_at": now,
        "source": source,
        "organisation_id": intake_organisation(),
        "for_whom": details.for_whom,
        "relationship": details.relationship,
        "person_knows": details.person_knows,
        "can_call": ContactMethod.CALL in details.contact_methods,
        "can_text": ContactMethod.TEXT in details.contact_methods,
        "can_email": ContactMethod.EMAIL in details.contact_methods,
        "phone": details.phone or None,
        "email": details.email or None,
        "phone_hash": keyed_hash(details.phone, purpose="phone") if details.phone else "",
        "email_hash": keyed_hash(details.email.lower(), purpose="email") if details.email else "",
        "best_times": list(details.best_times),
        "voicemail_ok": details.voicemail_ok,
        "safe_to_text": details.safe_to_text,
        "safe_contact_notes": details.safe_contact_notes or None,
        "name": details.name or None,
        "region": details.region or None,
        "help_with": details.help_with or None,
        "selfcheck_summary": summary_json(details),
        "has_red_flag": details.has_red_flag,
        "consented_at": now,
        "consent_version": CONSENT_VERSION,
        # The address the person used, unless the API named the language (ADR 0046)
        "language": details.language or current_language(),
        "site_region": current_region().value,
    }


def intake_organisation() -> Subquery:
    """The organisation that receives public requests, looked up by the INSERT itself to save a round trip."""
    return Subquery(Organisation.objects.filter(receives_public_requests=True).order_by("pk").values("pk")[:1])


def summary_json(details: ContactDetails) -> str | None:
    if not details.selfcheck_summary:
        return None
    return json.dumps([entry.as_json() for entry in details.selfcheck_summary])


# How the confirmation names each way of contact the person chose, in the order the journey lists them
CONTACT_BY_WORDS = {
    ContactMethod.CALL: gettext_lazy("phone"),
    ContactMethod.TEXT: gettext_lazy("text"),
    ContactMethod.EMAIL: gettext_lazy("email"),
}


def contact_by(methods: tuple[str, ...]) -> str:
    """'text', 'phone or text', 'phone, text or email': the ways chosen, never a call back nobody asked for."""
    words = [str(word) for method, word in CONTACT_BY_WORDS.items() if method in methods]
    if len(words) <= 1:
        return "".join(words)
    return gettext("%(ways)s or %(last)s") % {"ways": ", ".join(words[:-1]), "last": words[-1]}


def message_context(contact_request: ContactRequest, details: ContactDetails) -> dict[str, str]:
    """In the person's language and region: call it inside speaking_to(audience_of(contact_request))."""
    return {
        "reference": contact_request.reference,
        "contact_by": contact_by(details.contact_methods),
        "service_name": settings.SITE_NAME,
        "first_contact_within": first_contact_within(),
        "emergency_number": emergency_line(current_region()).primary_contact.value,
    }


def audience_of(contact_request: ContactRequest) -> Audience:
    """Whom messages about this request are for: the language and region of the address the person used."""
    return Audience(language=contact_request.language, region=contact_request.person_region)


def confirmation(contact_request: ContactRequest, details: ContactDetails) -> OutboundMessage | None:
    """Only by a channel the person allowed; e-mail first, as it is less likely to be seen by others."""
    if details.email:
        channel, recipient = Channel.EMAIL, details.email
    elif details.phone and details.may_text:
        channel, recipient = Channel.SMS, details.phone
    else:
        return None
    with speaking_to(audience_of(contact_request)):
        return new_message(
            channel=channel,
            recipient=recipient,
            template="request-received",
            context=message_context(contact_request, details),
            reference=contact_request.reference,
        )


def erase_contact_request(*, reference: str) -> tuple[str, ...]:
    """Remove every personal detail and keep a tombstone: the reference, dates and status only.

    Everything tied to the request goes too: its timeline (notes, attempts), idempotency records, messages, and
    the requests merged with it, which staff judged to be the same person's (docs/adr/0013). Returns the
    references erased, or () if there was no such request or it was already erased.
    """
    with transaction.atomic():
        contact_request = ContactRequest.objects.select_for_update().filter(reference=reference).first()
        if contact_request is None or contact_request.status == Status.ERASED:
            return ()
        group = merge_group(contact_request)
        primary_keys = [member.pk for member in group]
        delete_rows_tied_to(primary_keys)
        ContactRequest.objects.filter(pk__in=primary_keys).update(
            **TOMBSTONE, status=Status.ERASED, erased_at=timezone.now()
        )
        references = tuple(member.reference for member in group)
        erase_messages_about(references)
    return references


def merge_group(contact_request: ContactRequest) -> list[ContactRequest]:
    """The request and every request merged into it or it into, following the links both ways."""
    found = {contact_request.pk: contact_request}
    frontier = [contact_request]
    while frontier:
        targets = [member.duplicate_of_id for member in frontier if member.duplicate_of_id is not None]
        sources = [member.pk for member in frontier]
        linked = ContactRequest.objects.select_for_update().filter(Q(pk__in=targets) | Q(duplicate_of__in=sources))
        frontier = list(linked.exclude(pk__in=list(found)).order_by("pk"))
        found.update((member.pk, member) for member in frontier)
    return list(found.values())


def delete_rows_tied_to(primary_keys: list[int]) -> None:
    """Delete every row of every model that points at these requests (notes, attempts, idempotency records, and
    whatever later features add), so a new kind of data about a person cannot be forgotten here. Merge links
    between requests are not rows of their own: they are cleared on the requests themselves."""
    for relation in relations_to_requests():
        model = cast(type[Model], relation.related_model)
        model._base_manager.filter(**{f"{relation.field.name}__in": primary_keys}).delete()


def relations_to_requests() -> list[ForeignObjectRel]:
    # include_hidden: a foreign key with related_name="+" (as on IdempotencyRecord) is otherwise left out
    return [
        field
        for field in ContactRequest._meta.get_fields(include_hidden=True)
        if isinstance(field, ForeignObjectRel) and field.related_model is not ContactRequest
    ]


@dataclass(frozen=True)
class PurgeSummary:
    closed_requests: int
    drafts: int
    rate_limit_windows: int
    messages: int


def purge_closed_requests(*, closed_for: datetime.timedelta, organisation_id: int | None = None) -> int:
    """Delete requests closed longer ago than `closed_for` (one organisation's, or all), and their messages."""
    expired = ContactRequest.objects.closed_before(timezone.now() - closed_for)
    if organisation_id is not None:
        expired = expired.for_organisations([organisation_id])
    with transaction.atomic():
        references = list(expired.values_list("reference", flat=True))
        erase_messages_about(references)
        _, deleted = ContactRequest.objects.filter(reference__in=references).delete()
    return deleted.get(ContactRequest._meta.label, 0)


def purge(*, closed_for: datetime.timedelta) -> PurgeSummary:
    now = timezone.now()
    closed = purge_closed_requests(closed_for=closed_for)
    drafts, _ = ContactDraft.objects.filter(updated_at__lt=now - DRAFT_LIFETIME).delete()
    windows = purge_old_windows(now)
    messages = purge_sent_messages(older_than=closed_for)
    return PurgeSummary(closed, drafts, windows, messages)


def has_contact_requests() -> bool:
    """Whether any request is stored at all (the demo loader refuses to mix fictional requests with real ones)."""
    return ContactRequest.objects.exists()
