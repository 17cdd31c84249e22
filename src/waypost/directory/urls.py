from django.urls import path

from waypost.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.search, name="search"),
    path("<int:service_id>", views.service_detail, name="service"),
    path("<int:service_id>/correction", views.report_correction, name="report_correction"),
    path("<int:service_id>/correction/sent", views.correction_sent, name="correction_sent"),
]
