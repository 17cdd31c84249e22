from django.urls import include, path

handler404 = "waypost.core.views.not_found"
handler500 = "waypost.core.views.server_error"

urlpatterns = [
    path("", include("waypost.core.urls")),
    path("", include("waypost.monitoring.urls")),
    path("learn/", include("waypost.content.urls")),
    path("check/", include("waypost.selfcheck.urls")),
    path("fhir/", include("waypost.fhir.urls")),
    path("services/", include("waypost.directory.urls")),
    path("contact/", include("waypost.intake.urls")),
    path("api/", include("waypost.api.urls")),
    path("staff/", include("waypost.accounts.urls")),
    path("staff/", include("waypost.triage.urls")),
    path("staff/recovery/", include("waypost.recovery.staff_urls")),
    path("recovery/", include("waypost.recovery.urls")),
    path("", include("waypost.treatment.urls")),
    path("", include("waypost.conversations.urls")),
]
