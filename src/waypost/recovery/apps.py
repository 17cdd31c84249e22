from django.apps import AppConfig


class RecoveryConfig(AppConfig):
    name = "waypost.recovery"
    label = "recovery"
    verbose_name = "Recovery support"
