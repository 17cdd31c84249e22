from django.templatetags.static import static
from django.urls import path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from waypost.core import views

app_name = "core"
# Looked up at the first request: the hashed name exists only once the static files are collected
favicon_url = lazy(static, str)("waypost/favicon.svg")

urlpatterns = [
    path("", views.home, name="home"),
    path("urgent", views.urgent, name="urgent"),
    path("exit", views.quick_exit, name="exit"),
    path("privacy", views.privacy, name="privacy"),
    path("accessibility", views.accessibility, name="accessibility"),
    path("favicon.ico", RedirectView.as_view(url=favicon_url, permanent=True)),
]
