"""The fixed choices of assessments and referrals. Codes are stored; labels are what staff read."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from waypost.treatment.lifecycle import ENDED


class Dimension(models.TextChoices):
    """The six areas services weigh when they place someone (ADR 0024); the wording is ours."""

    WITHDRAWAL = "withdrawal", _("Intoxication and withdrawal")
    PHYSICAL = "physical", _("Physical health (bladder, kidneys, abdominal pain)")
    MENTAL = "mental", _("Mental health and thinking")
    READINESS = "readiness", _("Readiness to change")
    RELAPSE = "relapse", _("Relapse and continued-use risk")
    ENVIRONMENT = "environment", _("Recovery environment (housing, safety, support, work or school)")


class Rating(models.IntegerChoices):
    NONE = 0, "0 — no current problem"
    MILD = 1, "1 — mild"
    MODERATE = 2, "2 — moderate"
    SEVERE = 3, "3 — severe"
    VERY_SEVERE = 4, "4 — very severe or immediate danger"


class Substance(models.TextChoices):
    ALCOHOL = "alcohol", _("Alcohol")
    BENZODIAZEPINES = "benzodiazepines", _("Benzodiazepines")
    OPIOIDS = "opioids", _("Opioids")
    GHB = "ghb", _("GHB or GBL")
    STIMULANTS = "stimulants", _("Stimulants (cocaine, amphetamines)")


class Pregnancy(models.TextChoices):
    NOT_ASKED = "", _("Not asked")
    NO = "no", _("No")
    YES = "yes", _("Yes")
    # With a context: the self-check's "Not sure" is the person speaking, this one is about them
    NOT_SURE = "not-sure", pgettext_lazy("pregnancy: the person is not sure", "Not sure")
    NOT_APPLICABLE = "not-applicable", _("Not applicable")


class Payment(models.TextChoices):
    PUBLIC = "public", _("Publicly funded or NHS")
    PRIVATE_INSURANCE = "private-insurance", _("Private insurance")
    MEDICAID = "medicaid", _("Medicaid")
    MEDICARE = "medicare", _("Medicare")
    SELF_PAY = "self-pay", _("Self-pay")
    SLIDING_SCALE = "sliding-scale", _("Sliding scale")


class BenefitsCheck(models.TextChoices):
    NOT_NEEDED = "not-needed", _("Not needed")
    TO_DO = "to-do", _("To do")
    VERIFIED = "verified", _("Verified: covered")
    PARTLY = "partly", _("Verified: partly covered")
    NOT_COVERED = "not-covered", _("Not covered")


class LevelOfCare(models.TextChoices):
    """From most to least intensive; the order matters to the rules."""

    WITHDRAWAL = "withdrawal", _("Medically supervised withdrawal")
    RESIDENTIAL = "residential", _("Residential treatment")
    DAY_PROGRAMME = "day-programme", _("Day programme")
    INTENSIVE_OUTPATIENT = "intensive-outpatient", _("Intensive outpatient")
    OUTPATIENT = "outpatient", _("Outpatient")
    PEER_SUPPORT = "peer-support", _("Peer support and aftercare")


class TaskStatus(models.TextChoices):
    """FHIR R4 Task.status codes a referral moves through (http://hl7.org/fhir/task-status)."""

    REQUESTED = "requested", _("Sent, waiting for the provider")
    RECEIVED = "received", _("Received by the provider")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Declined by the provider")
    IN_PROGRESS = "in-progress", _("Intake booked")
    COMPLETED = "completed", _("Admitted")
    FAILED = "failed", _("Did not attend")
    CANCELLED = "cancelled", _("Cancelled")


class ReasonCode(models.TextChoices):
    """Why a referral was declined, not attended or cancelled: coded, so reports can count them without notes."""

    NO_CAPACITY = "no-capacity", _("No place available")
    NOT_ELIGIBLE = "not-eligible", _("Does not meet the service's criteria")
    NEEDS_DIFFERENT_CARE = "different-care", _("Needs a different kind of care")
    FUNDING = "funding", _("Funding or insurance not in place")
    OUT_OF_AREA = "out-of-area", _("Outside the service's area")
    COULD_NOT_REACH = "could-not-reach", _("Could not reach the person")
    PERSON_DECLINED = "person-declined", _("The person decided not to go ahead")
    DID_NOT_ATTEND = "did-not-attend", _("Did not attend the intake")
    OTHER = "other", _("Other")


# The life cycle (pure, lifecycle.py) decides which statuses end a referral
ENDED_STATUSES = frozenset(TaskStatus(status) for status in ENDED)


class SharedItem(models.TextChoices):
    """What the person agreed a referral may carry to the provider."""

    NAME = "name", _("Their name")
    CONTACT = "contact", _("How to contact them")
    SELFCHECK = "selfcheck", _("Their self-check summary")
    ASSESSMENT = "assessment", _("The assessment and level of care")
    PAYMENT = "payment", _("How they will pay")


class Channel(models.TextChoices):
    """Where a change to a referral came from."""

    CONSOLE = "console", _("Console")
    LINK = "link", _("Referral link")
    API = "api", _("API")
    SYSTEM = "system", _("Waypost")
