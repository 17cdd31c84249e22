from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "waypost.triage"
    label = "triage"
    verbose_name = "Triage console"
