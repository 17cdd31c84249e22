"""The directory, modelled on Open Referral HSDS 3.0: organisation, service, location, service at location,
phone and schedule. Taxonomy terms are a fixed vocabulary in taxonomy.py, stored on services as bit sets.

ServiceAtLocation also carries a copy of what search filters on (position, category, facets), written only by
services.py, so one covering index answers "within this radius, with these filters" (docs/adr/0008).
HSDS ids are not stored: each is a UUID derived from the row's source and source id (rows.stable_uuid), so the
same row has the same id in every export and in every Waypost that imports it.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from django.db import models
from django.utils.translation import gettext_noop

from waypost.core.encryption import EncryptedTextField
from waypost.directory.taxonomy import (
    ACCEPTING_LABELS,
    CATEGORY_LABELS,
    GENDER_LABELS,
    OWNERSHIP_LABELS,
    Accepting,
    Category,
    Gender,
    Ownership,
    Status,
)

SOURCE_LENGTH = 100
Member = TypeVar("Member", bound=StrEnum)
SOURCE_ID_LENGTH = 200


def choices_from(labels: Mapping[Member, str]) -> list[tuple[str, str]]:
    return [(str(value), label) for value, label in labels.items()]


STATUS_CHOICES = [(str(status), str(status).capitalize()) for status in Status]


class Organization(models.Model):
    """Who runs a service. Shown on every result, because who runs a service matters to the person choosing."""

    source = models.CharField(max_length=SOURCE_LENGTH)
    source_id = models.CharField(max_length=SOURCE_ID_LENGTH)
    name = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    website = models.CharField(max_length=500, blank=True)
    email = models.CharField(max_length=254, blank=True)
    ownership = models.CharField(max_length=16, choices=choices_from(OWNERSHIP_LABELS), default=Ownership.UNKNOWN)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "source_id"], name="directory_organization_source")]

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    source = models.CharField(max_length=SOURCE_LENGTH)
    source_id = models.CharField(max_length=SOURCE_ID_LENGTH)
    name = models.CharField(max_length=300)
    address_1 = models.CharField(max_length=300, blank=True)
    address_2 = models.CharField(max_length=300, blank=True)
    city = models.CharField(max_length=120, blank=True)
    region = models.CharField(max_length=120, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=2, blank=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    accessibility = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "source_id"], name="directory_location_source")]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    source = models.CharField(max_length=SOURCE_LENGTH)
    source_id = models.CharField(max_length=SOURCE_ID_LENGTH)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    email = models.CharField(max_length=254, blank=True)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default=Status.ACTIVE)
    category = models.CharField(max_length=20, choices=choices_from(CATEGORY_LABELS), default=Category.ADDICTION)
    # Bit sets over taxonomy.CARE_TYPES, PAYMENT_OPTIONS, AGE_GROUPS and LANGUAGES
    care_types = models.PositiveIntegerField(default=0)
    payment_options = models.PositiveIntegerField(default=0)
    age_groups = models.PositiveIntegerField(default=0)
    languages = models.PositiveIntegerField(default=0)
    # Every language code given, in order, including those the filter does not offer
    language_codes = models.CharField(max_length=200, blank=True)
    gender = models.CharField(max_length=10, choices=choices_from(GENDER_LABELS), default=Gender.ANYONE)
    accepting = models.CharField(max_length=10, choices=choices_from(ACCEPTING_LABELS), default=Accepting.UNKNOWN)
    typical_wait_weeks = models.PositiveSmallIntegerField(null=True, blank=True)
    fees_description = models.TextField(blank=True)
    last_verified_on = models.DateField(null=True, blank=True)
    verification_source = models.CharField(max_length=300, blank=True)
    fingerprint = models.CharField(max_length=32)
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "source_id"], name="directory_service_source")]

    def __str__(self) -> str:
        return self.name


class ServiceAtLocation(models.Model):
    # No index of their own: the unique (service, location) pair and the search index serve every lookup
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_at_locations", db_index=False)
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations", db_index=False
    )
    position = models.PositiveSmallIntegerField(default=0)
    # Search copy: the location's position, as a latitude band and a unit vector for exact distances
    latitude = models.FloatField()
    longitude = models.FloatField()
    latitude_band = models.IntegerField()
    unit_x = models.FloatField()
    unit_y = models.FloatField()
    unit_z = models.FloatField()
    # Search copy: the service's listing and facets
    is_listed = models.BooleanField()
    care_types = models.PositiveIntegerField()
    payment_options = models.PositiveIntegerField()
    age_groups = models.PositiveIntegerField()
    languages = models.PositiveIntegerField()
    is_accepting = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="directory_service_at_location_pair")
        ]
        indexes = [
            models.Index(
                fields=[
                    "is_listed",
                    "latitude_band",
                    "longitude",
                    "unit_x",
                    "unit_y",
                    "unit_z",
                    "care_types",
                    "payment_options",
                    "age_groups",
                    "languages",
                    "is_accepting",
                    "service",
                ],
                name="directory_sal_search",
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_id} at {self.location_id}"


class Phone(models.Model):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="phones")
    position = models.PositiveSmallIntegerField(default=0)
    number = models.CharField(max_length=40)
    extension = models.CharField(max_length=20, blank=True)
    kind = models.CharField(max_length=20, default="voice")
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.number


class Schedule(models.Model):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules")
    position = models.PositiveSmallIntegerField(default=0)
    weekdays = models.CharField(max_length=30, blank=True)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.description or self.weekdays


class Correction(models.Model):
    """A member of the public's report that a listing is wrong, waiting for a directory admin."""

    class Problem(models.TextChoices):
        CLOSED = "closed", gettext_noop("It has closed or moved")
        CONTACT = "contact", gettext_noop("The phone number or website is wrong")
        ADDRESS = "address", gettext_noop("The address is wrong")
        AVAILABILITY = "availability", gettext_noop("Whether it takes new clients, or the wait, is wrong")
        SERVICES = "services", gettext_noop("The services, ages or payment listed are wrong")
        OTHER = "other", gettext_noop("Something else")

    class Status(models.TextChoices):
        NEW = "new", "New"
        REVIEWED = "reviewed", "Reviewed"

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="corrections")
    problem = models.CharField(max_length=20, choices=Problem.choices)
    details = models.TextField()
    # Only if the reporter chose to give one (the form says so plainly); encrypted like all personal data
    reporter_contact = EncryptedTextField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField()
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="directory_correction_queue")]

    def __str__(self) -> str:
        return f"{self.get_problem_display()}: {self.service}"
