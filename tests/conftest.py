"""Shared fixtures. Personas for staff arrive with the accounts app; for now there is only the public."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def member_of_the_public() -> Client:
    """Someone on the public site: no account, no cookies."""
    return Client()
