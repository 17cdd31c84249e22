from __future__ import annotations

import re
from pathlib import Path

from waypost.core.fallback import render_urgent_fallback, write_urgent_fallback
from waypost.core.helplines import Region, helplines_for


def test_fallback_page_stands_alone_with_its_styles_inside() -> None:
    html = render_urgent_fallback(Region.UK)

    assert "<style>" in html
    assert ".care-card" in html
    assert not re.search(r"<(script|link|img)\b", html)


def test_fallback_page_lists_every_line_for_the_region() -> None:
    html = render_urgent_fallback(Region.UK)

    assert "Call 999 now if someone:" in html
    for line in helplines_for(Region.UK):
        assert line.primary_contact.href in html


def test_writes_the_fallback_file_into_the_given_folder(tmp_path: Path) -> None:
    path = write_urgent_fallback(tmp_path / "new", Region.US)

    assert path == tmp_path / "new" / "urgent.html"
    assert "Call 911 now if someone:" in path.read_text()


def test_fallback_page_has_the_urgent_page_structure_emergency_button_first() -> None:
    html = render_urgent_fallback(Region.UK)
    main = html[html.index('<main id="main-content"') :]
    first_link = re.search(r"<a [^>]*>", main)

    assert first_link
    assert first_link.group(0) == '<a href="tel:999" class="emergency-call">'
    for heading_id in ("crisis-heading", "nations-heading", "drug-advice-heading", "family-heading"):
        assert f'aria-labelledby="{heading_id}"' in main
    assert main.index("crisis-heading") < main.index("drug-advice-heading")
    assert "There is no NHS 111 in Northern Ireland." in main
