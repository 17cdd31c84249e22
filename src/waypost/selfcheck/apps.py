from django.apps import AppConfig


class SelfcheckConfig(AppConfig):
    name = "waypost.selfcheck"
    label = "selfcheck"
    verbose_name = "Self-check"
