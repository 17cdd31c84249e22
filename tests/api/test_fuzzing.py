"""Schemathesis fuzzes the JSON API from its own OpenAPI document, in-process through the WSGI application.

Checks: no server error, responses match the documented schema, status codes and content types are
documented, and a method the document does not list is a 405 with an Allow header. A fixed seed and a
bounded number of examples per operation keep it repeatable and short (ADR 0017); it runs with the rest
of the suite on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from schemathesis import Case
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from tests.directory.builders import service_record
from waypost.config.wsgi import application
from waypost.directory.services import save_service_records

SEED = 20261130
EXAMPLES_PER_OPERATION = 60
CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": SEED,
        "generation": {"max-examples": EXAMPLES_PER_OPERATION, "database": "none"},
        "phases": {"stateful": {"enabled": False}},
    }
)
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
    unsupported_method,  # an undocumented method is a 405 with an Allow header, never a CSRF page
]

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application, config=CONFIG)


@pytest.fixture
def connections_kept_open() -> Iterator[None]:
    """As Django's test client does: the real WSGI handler closes the connection after each request, which
    on PostgreSQL would close the test's own transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def listed_services(db: None) -> None:
    """Services at the documented example point, so searches there return results whose shape is checked."""
    save_service_records(records=[service_record(number, latitude=53.48, longitude=-2.24) for number in (1, 2)])


@pytest.mark.usefixtures("connections_kept_open", "listed_services")
@schema.parametrize()
def test_the_api_keeps_the_promises_of_its_openapi_document(case: Case[Any]) -> None:
    case.call_and_validate(checks=CHECKS)
