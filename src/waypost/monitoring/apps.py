from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "waypost.monitoring"
    label = "monitoring"
    verbose_name = "Waypost monitoring"
