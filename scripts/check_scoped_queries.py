"""Fail when code reads personal records directly instead of through the scoped getters.

Run: `python scripts/check_scoped_queries.py [SOURCE_FOLDER]`. Every module except the scoped getters (`access.py`),
the services that write (`services.py`), the demo loaders (`demo.py`) and migrations must read contact requests,
their activities, audit events and referrals through `waypost.triage.access` / `waypost.treatment.access`, so a
record outside the user's organisations can never be shown (STYLE.md, NHS ADR-005).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

MODELS = ("ContactRequest", "Activity", "AuditEvent", "Referral", "ReferralEvent", "Conversation", "Message")
FORBIDDEN = re.compile(
    rf"\b({'|'.join(MODELS)})\.(objects|_default_manager|_base_manager)\b"
    rf"|get_object_or_404\(\s*({'|'.join(MODELS)})\b"
    rf"|get_list_or_404\(\s*({'|'.join(MODELS)})\b"
)
# demo.py only writes the demo's fictional records at `waypost demo`; it never reads for a user
ALLOWED_NAMES = frozenset({"access.py", "services.py", "demo.py"})


def checked_modules(root: Path) -> list[Path]:
    return sorted(
        path
        for path in root.rglob("*.py")
        if path.name not in ALLOWED_NAMES and "migrations" not in path.relative_to(root).parts
    )


def violations(root: Path) -> list[str]:
    found = []
    for path in checked_modules(root):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = FORBIDDEN.search(line)
            if match:
                found.append(f"{path}:{number}: read {match.group(0).split('.')[0]} through the scoped getters instead")
    return found


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "src" / "waypost"
    problems = violations(root)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
