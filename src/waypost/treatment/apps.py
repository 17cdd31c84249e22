from django.apps import AppConfig


class TreatmentConfig(AppConfig):
    name = "waypost.treatment"
    label = "treatment"
    verbose_name = "Assessment and referrals"
