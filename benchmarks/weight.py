"""Bytes on the wire, headers included, for every public page family in Chromium: a first and a repeat visit.

Run: `python -m benchmarks.weight`. It starts Waypost under its production server (static files collected as
`waypost serve` collects them), loads the demo directory, walks the self-check and the contact request as a person
would, and on each page measures two loads, each counted from Chromium's own network log (encodedDataLength:
compressed body plus response headers):
- first visit: the browser cache emptied, then the page and everything it asks for;
- repeat visit: another page opened first, then this one; only the HTML should cross the wire.
Until HTML is compressed, the last column estimates the first visit with the HTML sent gzipped.
"""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import CDPSession, Page, sync_playwright
from tests.e2e.browser import CHROMIUM_FLAGS, CHROMIUM_PATH, PAGE_WEIGHT_LIMIT_BYTES

from benchmarks.harness import production_server

SHELL_PAGES = ["/", "/urgent", "/privacy", "/accessibility", "/learn/"]
SEARCH_PAGES = ["/learn/search?q=ketamine+bladder", "/services/?where=M1"]
ARTICLE_LINK = re.compile(r"^/learn/[\w-]+$")
# What compressing the HTML adds to its headers: Content-Encoding: gzip and Vary: Accept-Encoding
GZIP_HEADER_BYTES = len("Content-Encoding: gzip\r\nVary: Accept-Encoding\r\n")
CONTACT_ANSWERS: list[tuple[str, str]] = [
    ("choose", "Me"),
    ("choose", "Phone call"),
    ("type", "What number should we use?|07911 123456"),
    ("choose", "Weekday evenings (5pm to 8pm)"),
    ("choose", "No"),
    ("choose", "No"),
    ("type", "What name should we use? (optional)|Sam"),
    ("skip", ""),
    ("type", "What would you like help with? (optional)|Please do not leave a message"),
    ("choose", "I understand how my information will be used"),
]


@dataclass
class WireLog:
    """Chromium's network events for one page load: bytes per request, and which came from the cache."""

    bytes_by_request: dict[str, int] = field(default_factory=dict)
    url_by_request: dict[str, str] = field(default_factory=dict)
    from_cache: set[str] = field(default_factory=set)

    def listen(self, session: CDPSession) -> None:
        session.on("Network.requestWillBeSent", self.sent)
        session.on("Network.requestServedFromCache", lambda event: self.from_cache.add(event["requestId"]))
        session.on("Network.loadingFinished", self.finished)

    def sent(self, event: Mapping[str, Any]) -> None:
        self.url_by_request[event["requestId"]] = event["request"]["url"]

    def finished(self, event: Mapping[str, Any]) -> None:
        self.bytes_by_request[event["requestId"]] = int(event["encodedDataLength"])

    def clear(self) -> None:
        self.bytes_by_request.clear()
        self.url_by_request.clear()
        self.from_cache.clear()

    def total_bytes(self) -> int:
        return sum(self.bytes_by_request.values())

    def fetched_paths(self) -> list[str]:
        """What crossed the wire: not served from the cache, and more than nothing received."""
        return sorted(
            urlsplit(self.url_by_request.get(request, "?")).path
            for request, received in self.bytes_by_request.items()
            if request not in self.from_cache and received > 0
        )


@dataclass(frozen=True)
class PageWeight:
    path: str
    first_visit_bytes: int
    first_visit_requests: int
    html_gzip_estimate_bytes: int
    repeat_visit_bytes: int
    repeat_fetched: list[str]


class Meter:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.session = page.context.new_cdp_session(page)
        self.session.send("Network.enable")
        self.log = WireLog()
        self.log.listen(self.session)

    def load(self, url: str) -> bytes:
        self.log.clear()
        response = self.page.goto(url, wait_until="load")
        self.page.wait_for_load_state("networkidle")
        return response.body() if response is not None else b""

    def weigh(self, url: str, base_url: str) -> PageWeight:
        self.session.send("Network.clearBrowserCache")
        html = self.load(url)
        first, requests = self.log.total_bytes(), len(self.log.fetched_paths())
        self.load(base_url + ("/privacy" if url.endswith("/urgent") else "/urgent"))
        self.load(url)
        compressed_html = len(gzip.compress(html, compresslevel=6))
        return PageWeight(
            path=url.removeprefix(base_url),
            first_visit_bytes=first,
            first_visit_requests=requests,
            html_gzip_estimate_bytes=first - len(html) + compressed_html + GZIP_HEADER_BYTES,
            repeat_visit_bytes=self.log.total_bytes(),
            repeat_fetched=self.log.fetched_paths(),
        )


def article_paths(page: Page, base_url: str) -> list[str]:
    page.goto(base_url + "/learn/")
    hrefs = page.eval_on_selector_all("main a[href]", "links => links.map(link => link.getAttribute('href'))")
    return sorted({href for href in hrefs if ARTICLE_LINK.match(href) and href != "/learn/search"})


def self_check_pages(meter: Meter, base_url: str) -> Iterator[PageWeight]:
    page = meter.page
    page.goto(base_url + "/check/")
    yield meter.weigh(base_url + "/check/", base_url)
    click(page, "Start now")
    while urlsplit(page.url).path.startswith(("/check/question/", "/check/stop")):
        url = page.url
        yield meter.weigh(url, base_url)
        if urlsplit(url).path == "/check/stop":
            click(page, "Continue the check", role="link")
            continue
        labels = page.locator(".radios__label").all_inner_texts()
        page.get_by_label("No" if "No" in labels else labels[0], exact=True).check()
        click(page, "Continue")
    yield meter.weigh(page.url, base_url)  # check your answers
    click(page, "See my results")
    yield meter.weigh(page.url, base_url)


def contact_pages(meter: Meter, base_url: str) -> Iterator[PageWeight]:
    page = meter.page
    yield meter.weigh(base_url + "/contact/", base_url)
    click(page, "Start now")
    for action, argument in CONTACT_ANSWERS:
        yield meter.weigh(page.url, base_url)
        if action == "choose":
            page.get_by_label(argument, exact=True).check()
        elif action == "type":
            label, text = argument.split("|")
            page.get_by_label(label).fill(text)
        click(page, "Continue")
    yield meter.weigh(page.url, base_url)  # check your answers
    click(page, "Send request")
    yield meter.weigh(page.url, base_url)


def click(page: Page, name: str, *, role: str = "button") -> None:
    with page.expect_navigation(wait_until="load"):
        page.get_by_role(role, name=name, exact=True).click()  # type: ignore[arg-type]


def weigh_every_page(base_url: str) -> list[PageWeight]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_FLAGS, headless=True)
        meter = Meter(browser.new_context().new_page())
        articles = article_paths(meter.page, base_url)
        plain = [*SHELL_PAGES, *articles, *SEARCH_PAGES]
        weights = [meter.weigh(base_url + path, base_url) for path in plain]
        weights += list(self_check_pages(meter, base_url))
        weights += list(contact_pages(meter, base_url))
        browser.close()
    return weights


def load_demo_directory(environment: Mapping[str, str]) -> None:
    # The demo's services give the directory search real results; its printed staff secrets are not needed
    command = [sys.executable, "-m", "waypost", "manage", "load_demo_data"]
    subprocess.run(command, env=dict(environment), check=True, capture_output=True)


def print_weights(weights: list[PageWeight]) -> None:
    print(f"{'page':<44} {'first B':>8} {'req':>4} {'gzip est':>9} {'repeat B':>9}  fetched on repeat")
    for weight in weights:
        fetched = ", ".join(weight.repeat_fetched)
        print(
            f"{weight.path[:44]:<44} {weight.first_visit_bytes:>8} {weight.first_visit_requests:>4}"
            f" {weight.html_gzip_estimate_bytes:>9} {weight.repeat_visit_bytes:>9}  {fetched}"
        )
    heaviest = max(weights, key=lambda weight: weight.first_visit_bytes)
    heaviest_estimate = max(weights, key=lambda weight: weight.html_gzip_estimate_bytes)
    only_html = all(len(weight.repeat_fetched) == 1 for weight in weights)
    print(f"\nHeaviest first visit: {heaviest.path} {heaviest.first_visit_bytes} B (limit {PAGE_WEIGHT_LIMIT_BYTES} B)")
    estimate = heaviest_estimate.html_gzip_estimate_bytes
    print(f"Heaviest with HTML gzip (estimated): {heaviest_estimate.path} {estimate} B")
    print(f"Every repeat visit fetched only its HTML: {'yes' if only_html else 'no'}")


def main() -> None:
    with production_server() as (base_url, environment):
        load_demo_directory(environment)
        weights = weigh_every_page(base_url)
    print_weights(weights)


if __name__ == "__main__":
    main()
