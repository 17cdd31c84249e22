"""WSGI entry point used by `waypost serve` and `waypost demo` (gunicorn)."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waypost.config.settings")
# As django.core.wsgi.get_wsgi_application does, with a handler that finds each public page's view once
django.setup(set_prefix=False)

from waypost.core.resolved_addresses import ResolvingOnceHandler  # noqa: E402

application = ResolvingOnceHandler()
