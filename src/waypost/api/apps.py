from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "waypost.api"
    label = "api"
    verbose_name = "JSON API"
