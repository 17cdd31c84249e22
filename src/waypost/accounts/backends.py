"""Django's password backend, reading a signed-in user and their memberships in one query (ADR 0034).

Every staff request loads the user from the session and then asks for their roles; a LEFT JOIN of the memberships
returns both in one round trip, one row per organisation. The checks are Django's own: the session hash is still
compared by `django.contrib.auth.get_user`, an inactive user is still refused, and nothing outlives the request.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import F

from waypost.accounts.access import remember_roles
from waypost.accounts.models import Role, User


class StaffBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        rows = list(
            User.objects.filter(pk=user_id).annotate(
                membership_organisation_id=F("memberships__organisation_id"), membership_role=F("memberships__role")
            )
        )
        if not rows or not self.user_can_authenticate(rows[0]):
            return None
        # A user without memberships comes back as one row whose membership columns are NULL
        roles = {
            row.membership_organisation_id: Role(row.membership_role)
            for row in rows
            if row.membership_organisation_id is not None
        }
        remember_roles(rows[0], roles)
        return rows[0]
