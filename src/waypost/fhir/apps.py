from django.apps import AppConfig


class FhirConfig(AppConfig):
    name = "waypost.fhir"
    label = "fhir"
    verbose_name = "FHIR"
