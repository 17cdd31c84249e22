from django.urls import path

from waypost.fhir import capability, directory_views, referral_views, views

app_name = "fhir"

urlpatterns = [
    path("metadata", capability.metadata, name="metadata"),
    path("Questionnaire", views.questionnaire_search, name="questionnaire_search"),
    path("Questionnaire/<str:questionnaire_id>", views.questionnaire_read, name="questionnaire_read"),
    path("QuestionnaireResponse/$extract", views.extract, name="extract"),
    path("HealthcareService", directory_views.healthcare_service_search, name="healthcare_service_search"),
    path("HealthcareService/<str:resource_id>", directory_views.healthcare_service_read, name="healthcare_service"),
    path("Organization", directory_views.organization_search, name="organization_search"),
    path("Organization/<str:resource_id>", directory_views.organization_read, name="organization"),
    path("Location", directory_views.location_search, name="location_search"),
    path("Location/<str:resource_id>", directory_views.location_read, name="location"),
    path("Task", referral_views.task_search, name="task_search"),
    path("Task/<str:resource_id>", referral_views.task_instance, name="task"),
    path("ServiceRequest/<str:resource_id>", referral_views.service_request_read, name="service_request"),
    path("Consent/<str:resource_id>", referral_views.consent_read, name="consent"),
]
