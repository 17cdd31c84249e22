from django.urls import include, path

handler404 = "waypost.core.views.not_found"
handler500 = "waypost.core.views.server_error"

urlpatterns = [
    path("", include("waypost.core.urls")),
    path("learn/", include("waypost.content.urls")),
    path("check/", include("waypost.selfcheck.urls")),
    path("fhir/", include("waypost.fhir.urls")),
]
