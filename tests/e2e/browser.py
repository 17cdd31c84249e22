"""Debian's Chromium driven by Playwright, and the checks every public page must pass in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import ConsoleMessage, Page, Request, Response

CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOOPBACK_HOSTS = {"127.0.0.1", "localhost"}
PAGE_WEIGHT_LIMIT_BYTES = 30 * 1024
# Staff pages are work screens on an office connection, not the public's prepaid data: a looser cap
STAFF_PAGE_WEIGHT_LIMIT_BYTES = 50_000
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_SOURCE = (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


@dataclass
class PageRecorder:
    """What a page asked for while it loaded: where each request went and how much came back."""

    page: Page
    requests: list[str] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.on("request", self.record_request)
        self.page.on("response", self.record_response)
        self.page.on("console", self.record_console)

    def record_request(self, request: Request) -> None:
        self.requests.append(request.url)

    def record_response(self, response: Response) -> None:
        self.responses.append(response)

    def record_console(self, message: ConsoleMessage) -> None:
        # A page that is meant to answer 404 reports that as a console error about itself: not a fault
        is_about_the_document = message.location.get("url") == self.page.url
        if message.type == "error" and not is_about_the_document:
            self.console_errors.append(message.text)

    def open(self, url: str) -> Response | None:
        self.forget()
        response = self.page.goto(url, wait_until="load")
        self.page.wait_for_load_state("networkidle")
        return response

    def click_and_wait(self, name: str, *, role: str = "button") -> None:
        """Click a button or link that loads a new page, recording only what that page asks for."""
        self.forget()
        with self.page.expect_navigation(wait_until="load"):
            self.page.get_by_role(role, name=name, exact=True).click()  # type: ignore[arg-type]
        self.page.wait_for_load_state("networkidle")

    def forget(self) -> None:
        self.requests.clear()
        self.responses.clear()
        self.console_errors.clear()

    def off_site_requests(self) -> list[str]:
        return [url for url in self.requests if not is_local(url)]

    def transferred_bytes(self) -> int:
        """Bytes on the wire as the browser counts them: each body as sent (compressed or not) and its headers."""
        counted = [response for response in self.responses if not is_redirect(response) and not is_held(response)]
        return sum(wire_bytes(response) for response in counted)


def wire_bytes(response: Response) -> int:
    sizes = response.request.sizes()
    return sizes["responseBodySize"] + sizes["responseHeadersSize"]


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"data", "about"} or parts.hostname in LOOPBACK_HOSTS


def is_redirect(response: Response) -> bool:
    return 300 <= response.status < 400


def is_held(response: Response) -> bool:
    """A chat's event stream stays open while the page does: its size is never final, so it is not page weight."""
    return response.headers.get("content-type", "").startswith("text/event-stream")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    # Evaluated through the DevTools protocol, so the page's strict CSP stays on during the audit
    page.evaluate(AXE_SOURCE)
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return list(results["violations"])


def describe_violations(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{violation['id']}: {violation['help']} at {[node['target'] for node in violation['nodes']]}"
        for violation in violations
    )


def assert_page_is_sound(recorder: PageRecorder, url: str, *, weight_limit: int = PAGE_WEIGHT_LIMIT_BYTES) -> None:
    violations = axe_violations(recorder.page)
    assert violations == [], f"{url}:\n{describe_violations(violations)}"
    assert recorder.off_site_requests() == [], f"{url} sent requests off this machine"
    assert recorder.transferred_bytes() <= weight_limit, f"{url} weighs {recorder.transferred_bytes()} B"
    assert recorder.console_errors == [], f"{url} logged errors: {recorder.console_errors}"


def same_site_links(page: Page, base_url: str) -> set[str]:
    # The quick exit leaves the site (and forgets the session), so a crawl must not follow it
    hrefs = page.eval_on_selector_all(
        "a[href]:not([data-quick-exit])", "links => links.map(link => link.getAttribute('href'))"
    )
    links = set()
    for href in hrefs:
        absolute = urljoin(page.url, href).split("#")[0]
        if absolute.startswith(base_url) and "/static/" not in absolute:
            links.add(absolute)
    return links
