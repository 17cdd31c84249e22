"""The fixed choices of assessments and referrals. Codes are stored; labels are what staff read."""

from __future__ import annotations

from django.db import models

from waypost.treatment.lifecycle import ENDED


class Dimension(models.TextChoices):
    """The six areas services weigh when they place someone (ADR 0024); the wording is ours."""

    WITHDRAWAL = "withdrawal", "Intoxication and withdrawal"
    PHYSICAL = "physical", "Physical health (bladder, kidneys, abdominal pain)"
    MENTAL = "mental", "Mental health and thinking"
    READINESS = "readiness", "Readiness to change"
    RELAPSE = "relapse", "Relapse and continued-use risk"
    ENVIRONMENT = "environment", "Recovery environment (housing, safety, support, work or school)"


class Rating(models.IntegerChoices):
    NONE = 0, "0 — no current problem"
    MILD = 1, "1 — mild"
    MODERATE = 2, "2 — moderate"
    SEVERE = 3, "3 — severe"
    VERY_SEVERE = 4, "4 — very severe or immediate danger"


class Substance(models.TextChoices):
    ALCOHOL = "alcohol", "Alcohol"
    BENZODIAZEPINES = "benzodiazepines", "Benzodiazepines"
    OPIOIDS = "opioids", "Opioids"
    GHB = "ghb", "GHB or GBL"
    STIMULANTS = "stimulants", "Stimulants (cocaine, amphetamines)"


class Pregnancy(models.TextChoices):
    NOT_ASKED = "", "Not asked"
    NO = "no", "No"
    YES = "yes", "Yes"
    NOT_SURE = "not-sure", "Not sure"
    NOT_APPLICABLE = "not-applicable", "Not applicable"


class Payment(models.TextChoices):
    PUBLIC = "public", "Publicly funded or NHS"
    PRIVATE_INSURANCE = "private-insurance", "Private insurance"
    MEDICAID = "medicaid", "Medicaid"
    MEDICARE = "medicare", "Medicare"
    SELF_PAY = "self-pay", "Self-pay"
    SLIDING_SCALE = "sliding-scale", "Sliding scale"


class BenefitsCheck(models.TextChoices):
    NOT_NEEDED = "not-needed", "Not needed"
    TO_DO = "to-do", "To do"
    VERIFIED = "verified", "Verified: covered"
    PARTLY = "partly", "Verified: partly covered"
    NOT_COVERED = "not-covered", "Not covered"


class LevelOfCare(models.TextChoices):
    """From most to least intensive; the order matters to the rules."""

    WITHDRAWAL = "withdrawal", "Medically supervised withdrawal"
    RESIDENTIAL = "residential", "Residential treatment"
    DAY_PROGRAMME = "day-programme", "Day programme"
    INTENSIVE_OUTPATIENT = "intensive-outpatient", "Intensive outpatient"
    OUTPATIENT = "outpatient", "Outpatient"
    PEER_SUPPORT = "peer-support", "Peer support and aftercare"


class TaskStatus(models.TextChoices):
    """FHIR R4 Task.status codes a referral moves through (http://hl7.org/fhir/task-status)."""

    REQUESTED = "requested", "Sent, waiting for the provider"
    RECEIVED = "received", "Received by the provider"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Declined by the provider"
    IN_PROGRESS = "in-progress", "Intake booked"
    COMPLETED = "completed", "Admitted"
    FAILED = "failed", "Did not attend"
    CANCELLED = "cancelled", "Cancelled"


class ReasonCode(models.TextChoices):
    """Why a referral was declined, not attended or cancelled: coded, so reports can count them without notes."""

    NO_CAPACITY = "no-capacity", "No place available"
    NOT_ELIGIBLE = "not-eligible", "Does not meet the service's criteria"
    NEEDS_DIFFERENT_CARE = "different-care", "Needs a different kind of care"
    FUNDING = "funding", "Funding or insurance not in place"
    OUT_OF_AREA = "out-of-area", "Outside the service's area"
    COULD_NOT_REACH = "could-not-reach", "Could not reach the person"
    PERSON_DECLINED = "person-declined", "The person decided not to go ahead"
    DID_NOT_ATTEND = "did-not-attend", "Did not attend the intake"
    OTHER = "other", "Other"


# The life cycle (pure, lifecycle.py) decides which statuses end a referral
ENDED_STATUSES = frozenset(TaskStatus(status) for status in ENDED)


class SharedItem(models.TextChoices):
    """What the person agreed a referral may carry to the provider."""

    NAME = "name", "Their name"
    CONTACT = "contact", "How to contact them"
    SELFCHECK = "selfcheck", "Their self-check summary"
    ASSESSMENT = "assessment", "The assessment and level of care"
    PAYMENT = "payment", "How they will pay"


class Channel(models.TextChoices):
    """Where a change to a referral came from."""

    CONSOLE = "console", "Console"
    LINK = "link", "Referral link"
    API = "api", "API"
    SYSTEM = "system", "Waypost"
