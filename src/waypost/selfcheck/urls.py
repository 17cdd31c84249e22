from django.urls import path

from waypost.selfcheck import views

app_name = "selfcheck"

urlpatterns = [
    path("", views.start, name="start"),
    path("question/<str:slug>", views.question, name="question"),
    path("stop", views.stop, name="stop"),
    path("answers", views.check_answers, name="check_answers"),
    path("results", views.results, name="results"),
    path("clear", views.clear, name="clear"),
    path("expired", views.expired, name="expired"),
]
