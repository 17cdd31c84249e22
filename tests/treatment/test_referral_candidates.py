"""Loading candidates from the directory and from providers on Waypost, ranked on the refer page."""

from __future__ import annotations

import pytest

from tests.directory.builders import service_record
from tests.treatment.conftest import StaffClient
from waypost.accounts.models import Organisation, User
from waypost.directory.models import Service
from waypost.directory.services import save_service_records
from waypost.directory.taxonomy import Accepting
from waypost.intake.models import ContactRequest
from waypost.notifications.models import OutboundMessage
from waypost.treatment.candidates import matches_for
from waypost.treatment.matching import Need
from waypost.treatment.models import ProviderProfile, Referral

pytestmark = pytest.mark.django_db
CENTRE = "53.48, -2.24"
NEED = Need(level_of_care="intensive-outpatient", payment="medicaid")


def directory() -> None:
    save_service_records(
        records=[
            service_record(1, latitude=53.49, longitude=-2.24, name="Near, no fit"),
            service_record(
                2,
                latitude=53.60,
                longitude=-2.24,
                name="Farther, fits",
                care_types=("intensive-outpatient",),
                payment_options=("medicaid",),
                accepting=Accepting.YES,
                email="intake@fits.example",
            ),
            service_record(3, latitude=55.95, longitude=-3.19, name="Edinburgh, too far"),
        ]
    )


def test_ranks_nearby_directory_services_by_fit_and_leaves_out_those_too_far(provider_b: Organisation) -> None:
    directory()

    found = matches_for(area=CENTRE, need=NEED)

    assert [match.candidate.name for match in found.matches] == ["Farther, fits", "Organisation B", "Near, no fit"]
    best = found.matches[0]
    assert best.reasons == ("Offers intensive outpatient", "Takes Medicaid", "Accepting new clients", "13.3 km away")
    assert found.problem == ""


def test_a_provider_on_waypost_shows_once_with_its_listing_and_distance(provider_b: Organisation) -> None:
    directory()
    listing = Service.objects.get(name="Farther, fits")
    ProviderProfile.objects.filter(organisation=provider_b).update(service=listing)

    found = matches_for(area=CENTRE, need=NEED)

    assert [match.candidate.key for match in found.matches] == [
        f"provider:{provider_b.pk}",
        f"service:{Service.objects.get(name='Near, no fit').pk}",
    ]
    assert found.matches[0].reasons[-2:] == ("13.3 km away", "On Waypost: answers in its console")


def test_an_area_that_is_not_a_place_says_what_to_type_and_still_lists_providers_on_waypost(
    provider_b: Organisation,
) -> None:
    found = matches_for(area="somewhere nice", need=NEED)

    assert found.problem.startswith("Enter a UK postcode")
    assert [match.candidate.name for match in found.matches] == ["Organisation B"]


def test_referring_to_a_listed_service_e_mails_its_listed_address(
    staff_client: StaffClient, clinician_a: User, assessed: ContactRequest
) -> None:
    directory()
    service = Service.objects.get(name="Farther, fits")

    response = staff_client(clinician_a).post(
        f"/staff/requests/{assessed.reference}/refer",
        {"area": CENTRE, "destination": f"service:{service.pk}", "shared_items": ["name"], "consent": "on"},
    )

    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.service, referral.destination_name, referral.destination_email) == (
        service,
        "Farther, fits",
        "intake@fits.example",
    )
    assert OutboundMessage.objects.get(template="referral-link").recipient == "intake@fits.example"
