from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "waypost.referrals"
    label = "referrals"
    verbose_name = "Contact requests"
