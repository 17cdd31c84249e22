"""The FHIR referral endpoints a provider's own system works its inbox with: Task search, read and PATCH;
ServiceRequest and Consent read. Every one needs a bearer token; every read is audited (ADR 0026)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from waypost.accounts.models import ApiClient
from waypost.core.methods import SAFE_METHODS, allow_only
from waypost.core.request_bodies import BodyTooLarge, read_limited_body
from waypost.core.safe_json import UnsafeJson, parse_json
from waypost.fhir import referral_resources
from waypost.fhir.access import get_referral_for_api_client, referrals_for_api_client
from waypost.fhir.bearer import with_api_client
from waypost.fhir.identifiers import organisation_id
from waypost.fhir.responses import (
    SearchError,
    fhir_response,
    method_not_allowed,
    not_found,
    operation_outcome,
    paging,
    searchset,
)
from waypost.fhir.services import api_actor_name, record_api_views
from waypost.fhir.task_patch import TASK_STATUSES, PatchError, TaskChange, patched_task, task_change
from waypost.treatment.choices import Channel, ReasonCode
from waypost.treatment.lifecycle import Side, TransitionRefused
from waypost.treatment.models import Referral
from waypost.treatment.services import ReferralConflict, move_referral

JSON_PATCH = "application/json-patch+json"
MAXIMUM_PATCH_BYTES = 16 * 1024
VERSION_TAG = re.compile(r'^(?:W/)?"(\d{1,9})"$')
ISSUE_CODES = {409: "conflict", 413: "too-costly", 422: "business-rule"}
Mapper = Callable[[Referral], dict[str, Any]]


def resource_response(resource: dict[str, Any], referral: Referral) -> HttpResponse:
    response = fhir_response(resource)
    response["ETag"] = f'W/"{referral.version}"'
    return response


@allow_only(SAFE_METHODS, method_not_allowed)
@with_api_client
def task_search(request: HttpRequest, client: ApiClient) -> HttpResponse:
    """The client's inbox: `owner` (its own organisation; any other finds nothing) and `status`, comma for any."""
    try:
        count, page = paging(request.GET)
        referrals = filtered_tasks(request, client)
    except SearchError as error:
        return operation_outcome("invalid", str(error), 400)
    total = referrals.count()
    shown = list(referrals.order_by("created_at", "pk")[(page - 1) * count : page * count])
    record_api_views(client=client, referrals=shown, page=request.path, resource_type="Task")
    tasks = [referral_resources.task(referral) for referral in shown]
    return searchset(request, tasks, total=total, count=count, page=page)


def filtered_tasks(request: HttpRequest, client: ApiClient) -> Any:
    referrals = referrals_for_api_client(client)
    owner = request.GET.get("owner")
    if owner is not None and owner.removeprefix("Organization/") != organisation_id(client.organisation):
        referrals = referrals.none()
    statuses = [status.strip() for value in request.GET.getlist("status") for status in value.split(",")]
    unknown = sorted(set(statuses) - set(TASK_STATUSES))
    if unknown:
        raise SearchError(f"status: unknown code {unknown[0][:40]!r}; use one of {', '.join(TASK_STATUSES)}.")
    return referrals.filter(status__in=statuses) if statuses else referrals


def read(resource_type: str, mapper: Mapper) -> Callable[..., HttpResponse]:
    @allow_only(SAFE_METHODS, method_not_allowed)
    @with_api_client
    def view(request: HttpRequest, client: ApiClient, resource_id: str) -> HttpResponse:
        referral = get_referral_for_api_client(client, resource_id)
        if referral is None:
            return not_found(resource_type, resource_id)
        record_api_views(client=client, referrals=[referral], page=request.path, resource_type=resource_type)
        return resource_response(mapper(referral), referral)

    return view


service_request_read = read("ServiceRequest", referral_resources.service_request)
consent_read = read("Consent", referral_resources.consent)
task_read = read("Task", referral_resources.task)


@allow_only(("GET", "HEAD", "PATCH"), method_not_allowed)
def task_instance(request: HttpRequest, resource_id: str) -> HttpResponse:
    if request.method == "PATCH":
        return task_patch(request, resource_id)
    return task_read(request, resource_id)


@with_api_client
def task_patch(request: HttpRequest, client: ApiClient, resource_id: str) -> HttpResponse:
    """JSON Patch on status, statusReason, businessStatus and executionPeriod, moved by the treatment service."""
    referral = get_referral_for_api_client(client, resource_id)
    if referral is None:
        return not_found("Task", resource_id)
    if request.content_type != JSON_PATCH:
        return operation_outcome("not-supported", f"Send the body as {JSON_PATCH}.", 415)
    try:
        expected_version = version_from(request.headers.get("If-Match"), referral)
        change = change_asked(request, referral)
        moved = move_referral(
            referral=referral,
            new_status=change.status,
            side=Side.PROVIDER,
            channel=Channel.API,
            actor=None,
            actor_name=api_actor_name(client),
            expected_version=expected_version,
            page=request.path,
            reason=change.reason,
            reason_code=change.reason_code,
            intake_at=change.intake_at,
            business_status=change.business_status,
        )
    except PatchError as error:
        return operation_outcome(ISSUE_CODES.get(error.status, "invalid"), str(error), error.status)
    except TransitionRefused as error:
        return operation_outcome("business-rule", str(error), 422)
    except ReferralConflict as error:
        return operation_outcome("conflict", f"{error} Read the Task again.", 409)
    return resource_response(referral_resources.task(moved), moved)


def change_asked(request: HttpRequest, referral: Referral) -> TaskChange:
    try:
        operations = parse_json(read_limited_body(request, maximum=MAXIMUM_PATCH_BYTES))
    except BodyTooLarge:
        raise PatchError(f"The body must be {MAXIMUM_PATCH_BYTES:,} bytes or fewer.", 413) from None
    except UnsafeJson as error:
        raise PatchError(f"{error}.", 400) from None
    before = referral_resources.task(referral)
    after = patched_task(before, operations)
    return task_change(before, after, {str(code): str(code.label) for code in ReasonCode})


def version_from(if_match: str | None, referral: Referral) -> int:
    """The version the client last read (If-Match: W/"3"), or the current one when it sends none."""
    if if_match is None:
        return referral.version
    matched = VERSION_TAG.match(if_match.strip())
    if matched is None:
        raise PatchError('If-Match must be a version tag such as W/"3".', 400)
    if int(matched.group(1)) != referral.version:
        raise PatchError("The Task has changed since that version. Read it again.", 409)
    return referral.version
