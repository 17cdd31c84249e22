from django.urls import path

from waypost.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.search, name="search"),
    path("<uuid:service_uuid>", views.service_detail, name="service"),
    path("<uuid:service_uuid>/correction", views.report_correction, name="report_correction"),
    path("<uuid:service_uuid>/correction/sent", views.correction_sent, name="correction_sent"),
]
