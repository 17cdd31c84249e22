from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
SCRIPT = REPOSITORY / "scripts" / "check_scoped_queries.py"


def run_lint(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), str(folder)], capture_output=True, text=True, check=False)


def test_project_views_read_requests_only_through_scoped_getters() -> None:
    result = run_lint(REPOSITORY / "src" / "waypost")

    assert result.returncode == 0, result.stdout


def test_lint_catches_a_view_that_queries_requests_directly(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "views.py").write_text("def leak(request):\n    return ContactRequest.objects.all()\n")

    result = run_lint(tmp_path)

    assert result.returncode == 1
    assert "views.py:2: read contact requests through waypost.triage.access instead" in result.stdout
