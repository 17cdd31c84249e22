from django.urls import path

from waypost.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login", views.login, name="login"),
    path("login/code", views.verify, name="verify"),
    path("two-factor", views.setup_two_factor, name="setup_two_factor"),
    path("recovery-codes", views.recovery_codes, name="recovery_codes"),
    path("logout", views.logout, name="logout"),
    path("account/language", views.console_language, name="console_language"),
]
