from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "waypost.core"
    label = "core"
    verbose_name = "Waypost core"

    def ready(self) -> None:
        from waypost.core import checks  # noqa: F401  (registers the deployment checks)
