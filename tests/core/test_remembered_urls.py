"""Fixed URLs and hashed static names are worked out once per process, and only when they are final."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse, set_script_prefix

from waypost.core.static_storage import HashedStaticFilesStorage
from waypost.core.templatetags.site_urls import site_url

NAMES = ["core:urgent", "core:exit", "core:privacy", "core:accessibility", "selfcheck:clear", "content:search"]


@pytest.mark.parametrize("name", NAMES)
def test_site_url_is_what_url_gives(name: str) -> None:
    assert site_url(name) == reverse(name)
    assert Template(f"{{% load site_urls %}}{{% site_url '{name}' %}}").render(Context()) == reverse(name)


def test_site_url_takes_an_articles_slug() -> None:
    assert site_url("content:article", "bladder") == reverse("content:article", args=["bladder"])


def test_site_url_follows_the_script_prefix() -> None:
    try:
        set_script_prefix("/waypost/")
        assert site_url("core:urgent") == reverse("core:urgent") == "/waypost/urgent"
    finally:
        set_script_prefix("/")


def storage_in(folder: Path, paths: dict[str, str]) -> HashedStaticFilesStorage:
    manifest = {"paths": paths, "version": "1.1", "hash": "0"}
    (folder / "staticfiles.json").write_text(json.dumps(manifest))
    return HashedStaticFilesStorage(location=str(folder), base_url="/static/")


def test_a_collected_name_is_remembered(tmp_path: Path) -> None:
    storage = storage_in(tmp_path, {"waypost/a.css": "waypost/a.0123abcd.css"})

    assert storage.url("waypost/a.css") == "/static/waypost/a.0123abcd.css"
    assert storage.url("waypost/a.css") == "/static/waypost/a.0123abcd.css"
    assert ("waypost/a.css", False, False) in storage.known_urls


def test_a_name_not_yet_collected_is_not_remembered(tmp_path: Path) -> None:
    storage = storage_in(tmp_path, {})

    assert storage.url("waypost/b.css") == "/static/waypost/b.css"
    assert storage.__dict__.get("known_urls", {}) == {}
