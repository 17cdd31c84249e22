from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "waypost.intake"
    label = "intake"
    verbose_name = "Contact requests"
