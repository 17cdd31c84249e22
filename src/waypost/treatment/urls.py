from django.urls import URLPattern, path

from waypost.treatment import views

app_name = "treatment"

# Mounted at the site root: staff pages under staff/, the provider link page outside it
urlpatterns: list[URLPattern] = [
    # assessment
    path("staff/requests/<str:reference>/assessment", views.assessment, name="assessment"),
    path("staff/requests/<str:reference>/level-of-care", views.level_of_care, name="level_of_care"),
    # referrals: sending, provider inbox, provider link
    # reports
]
