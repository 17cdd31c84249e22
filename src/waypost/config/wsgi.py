"""WSGI entry point used by `waypost serve` and `waypost demo` (gunicorn)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waypost.config.settings")

application = get_wsgi_application()
