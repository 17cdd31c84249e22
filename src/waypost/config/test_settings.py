"""Settings for the test suite: the production settings with plain HTTP and a throwaway data folder."""

import os
import tempfile

os.environ.setdefault("WAYPOST_HTTPS", "false")
os.environ.setdefault("WAYPOST_DATA_DIR", tempfile.mkdtemp(prefix="waypost-test-"))
os.environ.setdefault("WAYPOST_TEAM_ALERT_EMAIL", "team@example.org")
# Spanish is served in tests, so its addresses (/es/…) can be tried; bare addresses stay English
os.environ.setdefault("WAYPOST_LANGUAGES", "en,es")
os.environ.setdefault("WAYPOST_SECRET_KEY", "test-secret-key-that-is-long-enough-for-django-checks-0123456789")

from waypost.config.settings import *  # noqa: F403

# Tests render {% static %} from the apps' own files; tests/core/test_static_files.py collects them for real
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
STATIC_ROOT.mkdir(exist_ok=True)  # noqa: F405 - empty, so WhiteNoise has a folder to look in
WHITENOISE_USE_FINDERS = True
