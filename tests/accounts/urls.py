"""The site's URLs plus one page behind @staff_required, standing in for the staff console in these tests."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from waypost.accounts.access import staff_required
from waypost.config.urls import handler404, handler500
from waypost.config.urls import urlpatterns as site_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


@staff_required
def staff_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"Staff page for {request.user.get_username()}")


urlpatterns = [path("staff/test-page", staff_page, name="staff_test_page"), *site_urlpatterns]
