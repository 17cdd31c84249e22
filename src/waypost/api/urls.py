"""The JSON API's one mount, /api/: each endpoint comes from its own app's api.py, the document from here."""

from django.urls import path

from waypost.api import views
from waypost.directory import api as directory_api
from waypost.intake import api as intake_api
from waypost.recovery import api as recovery_api

app_name = "api"

urlpatterns = [
    path("referrals", intake_api.create_referral, name="referrals"),
    path("services", directory_api.services, name="services"),
    path("recovery/sign-in", recovery_api.sign_in, name="recovery_sign_in"),
    path("recovery/token", recovery_api.token, name="recovery_token"),
    path("recovery/plan", recovery_api.plan, name="recovery_plan"),
    path("recovery/check-ins", recovery_api.check_in_collection, name="recovery_check_ins"),
    path("recovery/check-ins/<str:check_in_id>", recovery_api.check_in_item, name="recovery_check_in"),
    path("recovery/help-now", recovery_api.help_now, name="recovery_help_now"),
    path("openapi.json", views.openapi, name="openapi"),
]
