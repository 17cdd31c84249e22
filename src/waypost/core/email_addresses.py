"""Which e-mail addresses the public may give us: well formed, at a domain on the internet.

An address at a single-label host (`x@localhost`) or an IP literal (`victim@[127.0.0.1]`) would make our mail
server deliver to itself or to a machine the sender chose, so it is refused like a badly formed one.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator


def check_public_email(address: str, *, message: str) -> None:
    """Raise ValidationError(message) unless `address` is well formed and its domain has a dot and is a name."""
    # No allowlist: Django's default lets "localhost" through
    EmailValidator(message=message, allowlist=[])(address)
    domain = address.rpartition("@")[2]
    if domain.startswith("[") or "." not in domain:
        raise ValidationError(message)
