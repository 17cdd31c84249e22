"""A referral as FHIR R4: the ServiceRequest (what is asked), the Task (its life cycle) and the Consent (what the
person agreed to share). All three carry the referral's reference as their id (ADR 0026).

Only what the person agreed to share reaches the provider: their name when `name` was shared, and the summary
exactly as it was sent.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from waypost.fhir.identifiers import (
    CARE_TYPE_SYSTEM,
    LEVEL_OF_CARE_SYSTEM,
    REASON_SYSTEM,
    REFERRAL_IDENTIFIER_SYSTEM,
    SHARED_ITEM_SYSTEM,
    organisation_reference,
)
from waypost.treatment.choices import LevelOfCare, ReasonCode, SharedItem, TaskStatus
from waypost.treatment.models import Referral

# FHIR request-status of the ServiceRequest for each Task status
REQUEST_STATUS = {
    TaskStatus.REQUESTED: "active",
    TaskStatus.RECEIVED: "active",
    TaskStatus.ACCEPTED: "active",
    TaskStatus.IN_PROGRESS: "active",
    TaskStatus.COMPLETED: "completed",
    TaskStatus.REJECTED: "revoked",
    TaskStatus.FAILED: "revoked",
    TaskStatus.CANCELLED: "revoked",
}
NOT_SHARED = "Name not shared"


def instant(moment: datetime) -> str:
    return moment.isoformat()


def shared_items(referral: Referral) -> list[str]:
    return [code for code in referral.shared_items.split(",") if code]


def subject(referral: Referral) -> dict[str, Any]:
    """The person, by name only when they agreed to share it; Waypost serves no Patient resource."""
    name = referral.contact_request.name if SharedItem.NAME in shared_items(referral) else None
    return {"display": name or NOT_SHARED}


def identifier(referral: Referral) -> list[dict[str, str]]:
    return [{"system": REFERRAL_IDENTIFIER_SYSTEM, "value": referral.reference}]


def meta(referral: Referral) -> dict[str, str]:
    return {"versionId": str(referral.version), "lastUpdated": instant(referral.updated_at)}


def service_request(referral: Referral) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "ServiceRequest",
        "id": referral.reference,
        "meta": meta(referral),
        "identifier": identifier(referral),
        "status": REQUEST_STATUS[TaskStatus(referral.status)],
        "intent": "order",
        "subject": subject(referral),
        "authoredOn": instant(referral.created_at),
        "requester": organisation_reference(referral.sending_organisation),
        "performer": [performer(referral)],
        "supportingInfo": [{"reference": f"Consent/{referral.reference}"}],
    }
    code = requested_care(referral)
    if code is not None:
        resource["code"] = code
    if referral.shared_summary:
        resource["note"] = [{"text": referral.shared_summary}]
    return resource


def performer(referral: Referral) -> dict[str, str]:
    if referral.receiving_organisation is not None:
        return organisation_reference(referral.receiving_organisation)
    if referral.service_id is not None:
        return {"reference": f"HealthcareService/{referral.service_id}", "display": referral.destination_name}
    return {"display": referral.destination_name}


def requested_care(referral: Referral) -> dict[str, Any] | None:
    codings = []
    if referral.level_of_care:
        label = LevelOfCare(referral.level_of_care).label
        codings.append({"system": LEVEL_OF_CARE_SYSTEM, "code": referral.level_of_care, "display": label})
    if referral.care_type:
        codings.append({"system": CARE_TYPE_SYSTEM, "code": referral.care_type})
    return {"coding": codings} if codings else None


def task(referral: Referral) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Task",
        "id": referral.reference,
        "meta": meta(referral),
        "identifier": identifier(referral),
        "basedOn": [{"reference": f"ServiceRequest/{referral.reference}"}],
        "status": referral.status,
        "intent": "order",
        "focus": {"reference": f"ServiceRequest/{referral.reference}"},
        "for": subject(referral),
        "authoredOn": instant(referral.created_at),
        "lastModified": instant(referral.updated_at),
        "requester": organisation_reference(referral.sending_organisation),
    }
    if referral.receiving_organisation is not None:
        resource["owner"] = organisation_reference(referral.receiving_organisation)
    reason = status_reason(referral)
    if reason:
        resource["statusReason"] = reason
    if referral.business_status:
        resource["businessStatus"] = {"text": referral.business_status}
    period = execution_period(referral)
    if period:
        resource["executionPeriod"] = period
    return resource


def status_reason(referral: Referral) -> dict[str, Any]:
    reason: dict[str, Any] = {}
    if referral.reason_code:
        label = ReasonCode(referral.reason_code).label
        reason["coding"] = [{"system": REASON_SYSTEM, "code": referral.reason_code, "display": label}]
    if referral.status_reason:
        reason["text"] = referral.status_reason
    return reason


def execution_period(referral: Referral) -> dict[str, str]:
    period = {}
    if referral.intake_at is not None:
        period["start"] = instant(referral.intake_at)
    if referral.ended_at is not None:
        period["end"] = instant(referral.ended_at)
    return period


def consent(referral: Referral) -> dict[str, Any]:
    """What the person agreed this referral may carry, and when: the provision permits exactly those items."""
    return {
        "resourceType": "Consent",
        "id": referral.reference,
        "meta": meta(referral),
        "identifier": identifier(referral),
        "status": "active",
        "scope": {
            "coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "patient-privacy"}]
        },
        "category": [{"coding": [{"system": "http://loinc.org", "code": "59284-0", "display": "Patient Consent"}]}],
        "patient": subject(referral),
        "dateTime": instant(referral.consented_at),
        "organization": [organisation_reference(referral.sending_organisation)],
        "policyRule": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "OPTIN"}]},
        "provision": {
            "type": "permit",
            "period": {"start": instant(referral.consented_at)},
            "actor": [
                {
                    "role": {
                        "coding": [
                            {"system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "IRCP"}
                        ]
                    },
                    "reference": performer(referral),
                }
            ],
            "code": [
                {"coding": [{"system": SHARED_ITEM_SYSTEM, "code": code, "display": SharedItem(code).label}]}
                for code in shared_items(referral)
                if code in SharedItem.values
            ],
        },
    }
