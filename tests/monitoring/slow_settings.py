"""Settings for a real `waypost serve` with one extra, slow page (slow_urls.py), to prove a graceful stop finishes
it. Started with DJANGO_SETTINGS_MODULE=tests.monitoring.slow_settings."""

from waypost.config.settings import *  # noqa: F403

ROOT_URLCONF = "tests.monitoring.slow_urls"
