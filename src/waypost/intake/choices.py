"""The answers a contact request can hold, shared by the web journey, the API and the models."""

from __future__ import annotations

from django.db import models


class ForWhom(models.TextChoices):
    SELF = "self", "Me"
    SOMEONE_ELSE = "someone-else", "Someone I care about"


class Relationship(models.TextChoices):
    PARTNER = "partner", "Partner"
    PARENT = "parent", "I am their parent or carer"
    CHILD = "child", "I am their son or daughter"
    SIBLING = "sibling", "Brother or sister"
    FRIEND = "friend", "Friend"
    OTHER = "other", "Someone else"


class PersonKnows(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_SURE = "not-sure", "I am not sure"


class ContactMethod(models.TextChoices):
    CALL = "call", "Phone call"
    TEXT = "text", "Text message"
    EMAIL = "email", "Email"


class BestTime(models.TextChoices):
    WEEKDAY_MORNING = "weekday-morning", "Weekday mornings (9am to 12pm)"
    WEEKDAY_AFTERNOON = "weekday-afternoon", "Weekday afternoons (12pm to 5pm)"
    WEEKDAY_EVENING = "weekday-evening", "Weekday evenings (5pm to 8pm)"
    WEEKEND = "weekend", "Weekends"
    ANY_TIME = "any-time", "Any time"


class Source(models.TextChoices):
    WEB = "web", "Website"
    API = "api", "API"


class Status(models.TextChoices):
    NEW = "new", "New"
    CONTACT_ATTEMPTED = "contact-attempted", "Contact attempted"
    IN_CONVERSATION = "in-conversation", "In conversation"
    ASSESSED = "assessed", "Assessed"
    REFERRED_ON = "referred-on", "Referred on"
    CLOSED = "closed", "Closed"
    ERASED = "erased", "Erased"


OPEN_STATUSES = (Status.NEW, Status.CONTACT_ATTEMPTED, Status.IN_CONVERSATION, Status.ASSESSED, Status.REFERRED_ON)


class Outcome(models.TextChoices):
    ADMITTED = "admitted", "Admitted to a service"
    REFERRED_ELSEWHERE = "referred-elsewhere", "Referred elsewhere"
    DECLINED = "declined", "Declined"
    COULD_NOT_REACH = "could-not-reach", "Could not reach"
    DUPLICATE = "duplicate", "Duplicate"
