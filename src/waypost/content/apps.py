from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "waypost.content"
    label = "content"
    verbose_name = "Learn"
