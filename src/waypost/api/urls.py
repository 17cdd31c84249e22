"""The JSON API's one mount, /api/: each endpoint comes from its own app's api.py, the document from here."""

from django.urls import path

from waypost.api import views
from waypost.directory import api as directory_api
from waypost.intake import api as intake_api

app_name = "api"

urlpatterns = [
    path("referrals", intake_api.create_referral, name="referrals"),
    path("services", directory_api.services, name="services"),
    path("openapi.json", views.openapi, name="openapi"),
]
