"""Fail when a view reads contact requests directly instead of through the scoped getters.

Run: `python scripts/check_scoped_queries.py [SOURCE_FOLDER]`. Views must use waypost.triage.access (or the
intake services) so a request outside the user's organisation can never be shown (STYLE.md, NHS ADR-005).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

FORBIDDEN = re.compile(r"ContactRequest\.objects|get_object_or_404\(\s*ContactRequest|ContactRequest\._default_manager")


def view_modules(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*.py") if path.name == "views.py" or path.parent.name == "views")


def violations(root: Path) -> list[str]:
    found = []
    for path in view_modules(root):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if FORBIDDEN.search(line):
                found.append(f"{path}:{number}: read contact requests through waypost.triage.access instead")
    return found


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "src" / "waypost"
    problems = violations(root)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
