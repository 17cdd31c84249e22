from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

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
    assert "views.py:2: read ContactRequest through the scoped getters instead" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "model"),
    [
        ("triage/queue.py", "rows = ContactRequest.objects.filter(status='new')", "ContactRequest"),
        ("triage/presenters.py", "first = ContactRequest._default_manager.first()", "ContactRequest"),
        ("triage/dashboard.py", "attempts = Activity.objects.count()", "Activity"),
        ("core/export.py", "events = AuditEvent.objects.all()", "AuditEvent"),
        ("treatment/presenters.py", "referral = get_object_or_404(Referral, pk=1)", "get_object_or_404(Referral"),
    ],
)
def test_lint_catches_a_direct_query_planted_in_any_module(tmp_path: Path, module: str, line: str, model: str) -> None:
    path = tmp_path / module
    path.parent.mkdir(parents=True)
    path.write_text(f"def leak():\n    {line}\n")

    result = run_lint(tmp_path)

    assert result.returncode == 1
    assert f"{module}:2: read {model} through the scoped getters instead" in result.stdout


def test_lint_allows_the_scoped_getters_services_and_migrations(tmp_path: Path) -> None:
    for module in ("triage/access.py", "intake/services.py", "intake/migrations/0009_move.py"):
        path = tmp_path / module
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("def allowed():\n    return ContactRequest.objects.all()\n")

    result = run_lint(tmp_path)

    assert (result.returncode, result.stdout) == (0, "")
