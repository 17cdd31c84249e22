"""Load the services a person could be referred to, for matching.rank: listed directory services near their area,
and providers on this Waypost (organisations of kind treatment-provider with a ProviderProfile).
"""

from __future__ import annotations

from dataclasses import dataclass

from waypost.accounts.models import OrganisationKind
from waypost.directory.geography import Point, haversine_km
from waypost.directory.geography.places import Place, find_place
from waypost.directory.models import Service
from waypost.directory.search import SearchRequest, ranking
from waypost.directory.storage.page_loading import sites_of
from waypost.directory.taxonomy import AGE_GROUPS, CARE_TYPES, LANGUAGES, PAYMENT_OPTIONS
from waypost.treatment.matching import Candidate, Match, Need, rank
from waypost.treatment.models import ProviderProfile

RADIUS_KM = 50.0
MOST_SERVICES = 30


@dataclass(frozen=True)
class Matches:
    matches: list[Match]
    place: Place | None
    problem: str  # why no place was found from the area typed, or ""


def matches_for(*, area: str, need: Need) -> Matches:
    found = find_place(area) if area.strip() else None
    place = found if isinstance(found, Place) else None
    problem = "" if place is not None or found is None else found.message  # type: ignore[union-attr]
    candidates = providers_on_waypost(place.point if place else None)
    known = {candidate.key for candidate in candidates}
    if place is not None:
        services = nearby_services(place.point)
        candidates += [candidate for candidate in services if candidate.key not in known]
    return Matches(matches=rank(candidates, need), place=place, problem=problem)


def providers_on_waypost(centre: Point | None) -> list[Candidate]:
    profiles = ProviderProfile.objects.select_related("organisation", "service").filter(
        organisation__kind=OrganisationKind.TREATMENT_PROVIDER
    )
    distances = nearest_distances([p.service_id for p in profiles if p.service_id], centre)
    candidates = []
    for profile in profiles:
        base = candidate_from(profile.service, distances.get(profile.service_id or 0)) if profile.service else None
        candidates.append(
            Candidate(
                key=f"provider:{profile.organisation_id}",
                name=profile.organisation.name,
                care_types=base.care_types if base else frozenset(),
                payment_options=base.payment_options if base else frozenset(),
                age_groups=base.age_groups if base else frozenset(),
                languages=base.languages if base else frozenset(),
                gender=base.gender if base else "anyone",
                accepting=base.accepting if base else "unknown",
                distance_km=base.distance_km if base else None,
                is_on_waypost=True,
            )
        )
    return candidates


def nearby_services(centre: Point) -> list[Candidate]:
    """Listed services within RADIUS_KM, nearest first; services of providers on Waypost are shown as those."""
    service_ids = ranking(SearchRequest(centre=centre, radius_km=RADIUS_KM), limit=MOST_SERVICES).service_ids
    on_waypost = set(ProviderProfile.objects.filter(service_id__in=service_ids).values_list("service_id", flat=True))
    distances = nearest_distances(service_ids, centre)
    services = Service.objects.in_bulk([service_id for service_id in service_ids if service_id not in on_waypost])
    return [candidate_from(services[pk], distances.get(pk)) for pk in service_ids if pk in services]


def nearest_distances(service_ids: list[int], centre: Point | None) -> dict[int, float]:
    if centre is None or not service_ids:
        return {}
    distances: dict[int, float] = {}
    for site in sites_of(service_ids):
        distance = haversine_km(centre, Point(site.location.latitude, site.location.longitude))
        distances[site.service.pk] = min(distance, distances.get(site.service.pk, distance))
    return distances


def candidate_from(service: Service, distance_km: float | None) -> Candidate:
    return Candidate(
        key=f"service:{service.pk}",
        name=service.name,
        care_types=frozenset(CARE_TYPES.codes_in(service.care_types)),
        payment_options=frozenset(PAYMENT_OPTIONS.codes_in(service.payment_options)),
        age_groups=frozenset(AGE_GROUPS.codes_in(service.age_groups)),
        languages=frozenset(LANGUAGES.codes_in(service.languages)),
        gender=service.gender,
        accepting=service.accepting,
        distance_km=distance_km,
    )
