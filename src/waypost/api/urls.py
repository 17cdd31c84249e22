from django.urls import path

from waypost.api import views

app_name = "api"

urlpatterns = [
    path("referrals", views.create_referral, name="referrals"),
    path("openapi.json", views.openapi, name="openapi"),
]
