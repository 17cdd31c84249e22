from django.urls import path

from waypost.fhir import views

app_name = "fhir"

urlpatterns = [
    path("Questionnaire", views.questionnaire_search, name="questionnaire_search"),
    path("Questionnaire/<str:questionnaire_id>", views.questionnaire_read, name="questionnaire_read"),
    path("QuestionnaireResponse/$extract", views.extract, name="extract"),
]
