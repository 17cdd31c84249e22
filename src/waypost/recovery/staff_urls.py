from django.urls import path

from waypost.recovery import staff_views

app_name = "recovery_staff"

urlpatterns = [
    path("", staff_views.overview, name="overview"),
    path("invite", staff_views.invite, name="invite"),
    path("people/<str:reference>", staff_views.enrolment_detail, name="enrolment"),
    path("people/<str:reference>/end", staff_views.end, name="end"),
    path("tasks/<int:task_id>/close", staff_views.close_task, name="close_task"),
]
