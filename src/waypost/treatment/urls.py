from django.urls import URLPattern, path  # noqa: F401

app_name = "treatment"

# Mounted at the site root: staff pages under staff/, the provider link page outside it
urlpatterns: list[URLPattern] = [
    # assessment
    # referrals: sending, provider inbox, provider link
    # reports
]
