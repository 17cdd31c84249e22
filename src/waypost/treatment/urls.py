from django.urls import URLPattern, path

from waypost.treatment import assessment_views, report_views, views

app_name = "treatment"

# Mounted at the site root: staff pages under staff/, the provider link page outside it
urlpatterns: list[URLPattern] = [
    # assessment
    path("staff/requests/<str:reference>/assessment", assessment_views.assessment, name="assessment"),
    path("staff/requests/<str:reference>/level-of-care", assessment_views.level_of_care, name="level_of_care"),
    # referrals: sending, provider inbox, provider link
    path("staff/requests/<str:reference>/refer", views.refer, name="refer"),
    path("staff/requests/<str:reference>/referrals", views.request_referrals, name="request_referrals"),
    path("staff/referrals/inbox", views.inbox, name="inbox"),
    path("staff/referrals/<str:reference>", views.referral_detail, name="referral_detail"),
    path("staff/referrals/<str:reference>/move", views.move, name="move"),
    path("referral-link/<str:token>", views.provider_link, name="provider_link"),
    # reports
    path("staff/reports", report_views.reports, name="reports"),
    path("staff/reports.csv", report_views.reports_csv, name="reports_csv"),
]
