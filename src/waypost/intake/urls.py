from django.urls import path

from waypost.intake import views

app_name = "intake"

urlpatterns = [
    path("", views.start, name="start"),
    path("check-answers", views.check_answers, name="check_answers"),
    path("send", views.send, name="send"),
    path("sent", views.sent, name="sent"),
    path("expired", views.expired, name="expired"),
    path("<slug:slug>", views.page, name="page"),
]
