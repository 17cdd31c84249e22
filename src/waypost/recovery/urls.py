from django.urls import path

from waypost.recovery import views

app_name = "recovery"

urlpatterns = [
    path("", views.start, name="start"),
    path("sign-in", views.sign_in, name="sign_in"),
    path("code", views.enter_code, name="code"),
    path("sign-in/phrase", views.sign_in_with_phrase, name="sign_in_with_phrase"),
    path("recovery-phrase", views.recovery_phrase, name="recovery_phrase"),
    path("sign-out", views.sign_out, name="sign_out"),
    path("signed-out", views.signed_out, name="signed_out"),
    path("plan", views.plan, name="plan"),
    path("offline-plan-worker.js", views.offline_plan_worker, name="offline_plan_worker"),
    path("plan/change", views.plan_edit, name="plan_edit"),
    path("check-in", views.check_in, name="check_in"),
    path("checked-in", views.checked_in, name="checked_in"),
    path("trends", views.trends, name="trends"),
    path("help-now", views.help_now, name="help_now"),
    path("sharing", views.sharing, name="sharing"),
    path("reminders", views.reminders_page, name="reminders"),
    path("reminders/stop/<str:token>", views.stop_reminders, name="stop_reminders"),
    path("your-data", views.your_data, name="your_data"),
    path("your-data/download", views.download_data, name="download"),
    path("your-data/delete", views.delete_data, name="delete"),
]
