from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from waypost.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("urgent", views.urgent, name="urgent"),
    path("exit", views.quick_exit, name="exit"),
    path("privacy", views.privacy, name="privacy"),
    path("accessibility", views.accessibility, name="accessibility"),
    path("favicon.ico", RedirectView.as_view(url=static("waypost/favicon.svg"), permanent=True)),
]
