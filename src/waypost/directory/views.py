"""Find a service: the search page, each service's page, and the public correction form.

The search page sets no cookie. A service's page carries the correction form, which is protected against
cross-site forgery like every other form, so it sets Django's CSRF cookie (docs/adr/0013). Reports are limited
per client (the contact requests' limit, counted separately) and per listing per day; a report that is not
accepted gets a page saying so and why, never a silent "thank you".
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from waypost.core.clients import client_address
from waypost.core.security_headers import sends_origin_on_forms
from waypost.directory.forms import CorrectionForm, SearchForm
from waypost.directory.geography.places import PlaceProblem, find_place
from waypost.directory.models import Service
from waypost.directory.presenters import address_text, chosen_filters, in_page_language, listing
from waypost.directory.remembered_results import results_markup
from waypost.directory.search import find_services
from waypost.directory.services import TooManyCorrections, submit_correction
from waypost.intake.ratelimit import RateLimited


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
        form.add_error("where", in_page_language(place.message, place.wording, place.values))
    elif "change" not in request.GET:
        # "Change filters" shows the whole form again, filled in, instead of the results
        outcome = find_services(form.search_request(place.point))
        place_label = in_page_language(place.label, place.wording, place.values)
        results = results_markup(outcome.hits)
        context.update(place=place, place_label=place_label, outcome=outcome, results=results)
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


@sends_origin_on_forms
@require_safe
def service_detail(request: HttpRequest, service_id: int) -> HttpResponse:
    return service_page(request, listed_service(service_id), CorrectionForm())


@sends_origin_on_forms
@require_POST
def report_correction(request: HttpRequest, service_id: int) -> HttpResponse:
    service = listed_service(service_id)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        return service_page(request, service, form)
    if not form.is_from_a_robot():
        try:
            submit_correction(
                service=service,
                problem=form.cleaned_data["problem"],
                details=form.cleaned_data["details"],
                reporter_contact=form.cleaned_data["contact"],
                client_address=client_address(request),
            )
        except (RateLimited, TooManyCorrections) as refusal:
            return correction_not_accepted(request, service, refusal)
    return redirect("directory:correction_sent", service_id=service.pk)


def correction_not_accepted(request: HttpRequest, service: Service, refusal: Exception) -> HttpResponse:
    context = {"service": service, "is_listing_limit": isinstance(refusal, TooManyCorrections)}
    return render(request, "directory/correction_not_accepted.html", context, status=429)


@require_safe
def correction_sent(request: HttpRequest, service_id: int) -> HttpResponse:
    return render(request, "directory/correction_sent.html", {"service": listed_service(service_id)})
