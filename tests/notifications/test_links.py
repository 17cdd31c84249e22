"""Every link in every message is a whole address under WAYPOST_BASE_URL, so a mail client or phone can open it."""

from __future__ import annotations

import re

import pytest
from pytest_django.fixtures import Settings

from waypost.notifications.models import Channel
from waypost.notifications.rendering import channels_of, load_templates, render_message, template_names
from waypost.notifications.services import team_alert

BASE_URL = "https://help.example.org/waypost"
# A web address, or a path such as "/staff/" standing on its own (after a space, a colon or a line start)
LINK = re.compile(r"[a-z][a-z0-9+.-]*://\S+|(?:^|(?<=[\s:(]))/\S*|www\.\S+", re.MULTILINE)
RENDERINGS = [(name, channel) for name in template_names() for channel in channels_of(name)]


@pytest.fixture(autouse=True)
def links_under_base_url(settings: Settings) -> None:
    settings.BASE_URL = BASE_URL


def context_as_callers_send_it(name: str) -> dict[str, str]:
    """Each placeholder filled in; links as paths on this site, the way the intake app passes STAFF_URL."""
    identifiers = {key for template in load_templates(name).values() for key in template.get_identifiers()}
    return {key: "/staff/" if key.endswith("_url") else f"sample {key}" for key in identifiers}


def links_in(text: str) -> list[str]:
    return [link.rstrip(".,)") for link in LINK.findall(text)]


def test_every_template_is_rendered_for_each_of_its_channels() -> None:
    assert {name for name, _channel in RENDERINGS} == set(template_names())


@pytest.mark.parametrize(("name", "channel"), RENDERINGS)
def test_every_link_in_every_message_is_absolute_and_starts_with_the_base_url(name: str, channel: Channel) -> None:
    rendered = render_message(name, channel=channel, context=context_as_callers_send_it(name))

    links = links_in(f"{rendered.subject}\n{rendered.body}")
    assert [link for link in links if not link.startswith(f"{BASE_URL}/")] == []


def test_the_team_alert_links_to_the_staff_console_by_its_whole_address(settings: Settings) -> None:
    alert = team_alert(reference="K7P-4QX", has_red_flag=True, staff_url=settings.STAFF_URL)

    assert alert is not None
    assert "Sign in to see the details: https://help.example.org/waypost/staff/\n" in alert.body
    assert links_in(alert.body) == ["https://help.example.org/waypost/staff/"]


@pytest.mark.parametrize(
    ("base_url", "link", "expected"),
    [
        ("https://help.example.org", "/staff/", "https://help.example.org/staff/"),
        ("https://help.example.org", "staff/", "https://help.example.org/staff/"),
        ("https://example.org/help", "/staff/requests/K7P-4QX", "https://example.org/help/staff/requests/K7P-4QX"),
        ("http://127.0.0.1:8123", "/staff/", "http://127.0.0.1:8123/staff/"),
        ("https://help.example.org", "https://staff.example.org/", "https://staff.example.org/"),
    ],
)
def test_a_path_is_joined_to_the_base_url_and_a_whole_address_is_kept(
    settings: Settings, base_url: str, link: str, expected: str
) -> None:
    settings.BASE_URL = base_url

    rendered = render_message(
        "team-alert", channel=Channel.EMAIL, context={"reference": "K7P-4QX", "has_red_flag": "no", "staff_url": link}
    )

    assert f"Sign in to see the details: {expected}\n" in rendered.body


def test_the_link_finder_sees_a_relative_link() -> None:
    assert links_in("Sign in to see the details: /staff/\nOr www.example.org.") == ["/staff/", "www.example.org"]
