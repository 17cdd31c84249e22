"""Every Waypost URL plus /slow, which writes a file when it starts (so the test knows the request is in flight),
waits SLOW_SECONDS, then answers."""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

SLOW_SECONDS = 3.0
STARTED_FILE_VARIABLE = "WAYPOST_TEST_SLOW_STARTED_FILE"


def slow_page(request: HttpRequest) -> HttpResponse:
    Path(os.environ[STARTED_FILE_VARIABLE]).write_text(str(os.getpid()))
    time.sleep(SLOW_SECONDS)
    return HttpResponse("finished after the stop signal\n", content_type="text/plain")


urlpatterns = [path("slow", slow_page), path("", include("waypost.config.urls"))]
handler404 = "waypost.core.views.not_found"
handler500 = "waypost.core.views.server_error"
