from django.urls import URLPattern, path

from waypost.treatment import report_views

app_name = "treatment"

# Mounted at the site root: staff pages under staff/, the provider link page outside it
urlpatterns: list[URLPattern] = [
    # assessment
    # referrals: sending, provider inbox, provider link
    # reports
    path("staff/reports", report_views.reports, name="reports"),
    path("staff/reports.csv", report_views.reports_csv, name="reports_csv"),
]
