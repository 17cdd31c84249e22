from django.urls import path

from waypost.notifications import views as message_views
from waypost.triage import views

app_name = "triage"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("dashboard", views.dashboard, name="dashboard"),
    path("retention", views.apply_retention, name="apply_retention"),
    path("audit", views.audit_log, name="audit_log"),
    path("audit.csv", views.audit_csv, name="audit_csv"),
    path("messages", message_views.messages, name="messages"),
    path("messages/<int:message_id>/resend", message_views.resend, name="resend_message"),
    path("messages/<int:message_id>/handled", message_views.mark_handled, name="mark_message_handled"),
    path("requests/<str:reference>", views.request_detail, name="request_detail"),
    path("requests/<str:reference>/contact-details", views.contact_details, name="contact_details"),
    path("requests/<str:reference>/claim", views.claim, name="claim"),
    path("requests/<str:reference>/release", views.release, name="release"),
    path("requests/<str:reference>/reassign", views.reassign, name="reassign"),
    path("requests/<str:reference>/status", views.change_status, name="change_status"),
    path("requests/<str:reference>/attempts", views.log_attempt, name="log_attempt"),
    path("requests/<str:reference>/notes", views.add_note, name="add_note"),
    path("requests/<str:reference>/close", views.close, name="close"),
    path("requests/<str:reference>/follow-up", views.follow_up, name="follow_up"),
    path("requests/<str:reference>/merge", views.merge, name="merge"),
    path("requests/<str:reference>/erase", views.erase, name="erase"),
]
