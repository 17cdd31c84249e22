"""Find a service: the search page, each service's page, and the public correction form.

None of these pages sets a cookie. The correction form is exempt from CSRF checks because it needs no cookie and
acts for no one: there is no session for a forged request to borrow. A hidden field and a daily limit per listing
keep spam out of the review queue instead.
"""

from __future__ import annotations

from contextlib import suppress

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from waypost.directory.forms import CorrectionForm, SearchForm
from waypost.directory.models import Service
from waypost.directory.places import PlaceProblem, find_place
from waypost.directory.presenters import address_text, chosen_filters, listing, listings_for
from waypost.directory.search import find_services
from waypost.directory.services import TooManyCorrections, submit_correction


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    context: dict[str, object] = {"form": form}
    if not form.is_bound or not form.is_valid():
        return render(request, "directory/search.html", context)
    chosen = chosen_filters(form.cleaned_data)
    context.update(hidden_filters=chosen.hidden_fields, filter_labels=chosen.labels)
    place = find_place(form.cleaned_data["where"])
    if isinstance(place, PlaceProblem):
        form.add_error("where", place.message)
    elif "change" not in request.GET:
        # "Change filters" shows the whole form again, filled in, instead of the results
        outcome = find_services(form.search_request(place.point))
        context.update(place=place, outcome=outcome, listings=listings_for(outcome.hits))
    return render(request, "directory/search.html", context)


def listed_service(service_id: int) -> Service:
    """A service the public may see: only active addiction services, never infusion clinics (rules.is_listed)."""
    service = (
        Service.objects.select_related("organization")
        .prefetch_related("phones", "schedules", "service_at_locations__location")
        .filter(pk=service_id, service_at_locations__is_listed=True)
        .first()
    )
    if service is None:
        raise Http404("No such service")
    return service


def service_page(request: HttpRequest, service: Service, form: CorrectionForm) -> HttpResponse:
    locations = [link.location for link in service.service_at_locations.all()]
    context = {
        "service": service,
        "listing": listing(service, locations[0], service.phones.all(), None),
        "other_addresses": [address_text(location) for location in locations[1:]],
        "schedules": service.schedules.all(),
        "accessibility": locations[0].accessibility,
        "description": service.description,
        "form": form,
    }
    return render(request, "directory/service.html", context)


@require_safe
def service_detail(request: HttpRequest, service_id: int) -> HttpResponse:
    return service_page(request, listed_service(service_id), CorrectionForm())


@csrf_exempt
@require_POST
def report_correction(request: HttpRequest, service_id: int) -> HttpResponse:
    service = listed_service(service_id)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        return service_page(request, service, form)
    if not form.is_from_a_robot():
        # Past the daily limit the listing has been reported many times already: the admins have enough to go on
        with suppress(TooManyCorrections):
            submit_correction(
                service=service,
                problem=form.cleaned_data["problem"],
                details=form.cleaned_data["details"],
                reporter_contact=form.cleaned_data["contact"],
            )
    return redirect("directory:correction_sent", service_id=service.pk)


@require_safe
def correction_sent(request: HttpRequest, service_id: int) -> HttpResponse:
    return render(request, "directory/correction_sent.html", {"service": listed_service(service_id)})
