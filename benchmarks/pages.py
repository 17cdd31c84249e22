"""Every public page family against two anchors measured in the same run: a static file and a bare Django view.

Run: `python -m benchmarks.pages [--seconds N] [--without-page-memory] [--only TEXT]` (needs wrk:
`apt-get install wrk`); `--only /contact/` measures only the pages whose path holds that text, with both anchors.
Targets (issue 17): pages served from memory >= 0.8 x the static file; dynamic pages >= 0.5 x the bare view;
p99 < 50 ms for every page. Pages behind a session get the cookie a person would have, by walking the self-check
and the contact journey once over HTTP and handing that cookie to wrk. Both anchors are measured before and after
the pages, and each page is judged against the faster reading, so a slow spell of a shared machine passes no page.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import re
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tests.intake.walker import DEFAULT_ANSWERS as CONTACT_ANSWERS
from tests.selfcheck.walker import FIRST_QUESTION, QUESTION_PREFIX, default_answer

from benchmarks.harness import BARE_PATH, Measurement, measure, production_server
from waypost.content.library import slugs_in_reading_order

# A file of about a page's size, served by WhiteNoise in the same server
STATIC_ANCHOR = "/static/waypost/waypost.css"
FROM_MEMORY = [
    "/",
    "/check/",
    "/contact/",
    "/urgent",
    "/urgent?region=us",
    "/privacy",
    "/accessibility",
    "/learn/",
    *(f"/learn/{slug}" for slug in slugs_in_reading_order()),
]
# Each search page before a search (kept in memory, ADR 0033) and with one
WITHOUT_SESSION = ["/learn/search", "/learn/search?q=bladder+pain", "/services/", "/services/?where=M1+1AE"]
# What every page behind a person's session pays at least, to show how much of a page's cost is its own
SESSION_FLOOR = "/_benchmark/session-bare"
MEMORY_TARGET = 0.8
DYNAMIC_TARGET = 0.5
P99_TARGET_MILLISECONDS = 50.0
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
WALK_LIMIT = 60


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_arguments: Any, **_keywords: Any) -> None:
        return None


@dataclass
class Visitor:
    """A person's browser: keeps cookies, reads each redirect itself, answers forms with the CSRF token."""

    base_url: str

    def __post_init__(self) -> None:
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirects)

    def get(self, path: str) -> str:
        with self.opener.open(self.base_url + path, timeout=10) as response:
            return str(response.read().decode())

    def post(self, path: str, fields: Mapping[str, str | list[str]]) -> str:
        """Answer the form on the page at `path`; return where the server sends the browser next."""
        token = CSRF_FIELD.search(self.get(path))
        body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token.group(1) if token else ""}, doseq=True)
        request = urllib.request.Request(self.base_url + path, data=body.encode(), method="POST")
        try:
            self.opener.open(request, timeout=10)
        except urllib.error.HTTPError as redirect:
            if redirect.code != 302:
                raise
            return str(redirect.headers["Location"])
        raise RuntimeError(f"{path} did not move on after an answer")

    def cookie_header(self) -> str:
        return "Cookie: " + "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.cookies)


def fresh_cookie(visitor: Visitor, path: str) -> str:
    """The cookie a browser would hold now: a session a minute old is re-sent by the page, and wrk cannot keep it."""
    visitor.get(path)
    return visitor.cookie_header()


def walk(visitor: Visitor, first: str, prefix: str, answer: Callable[[str], Mapping[str, Any]], last: str) -> list[str]:
    """Answer page after page while the server keeps sending the browser to questions under `prefix`."""
    asked: list[str] = []
    location = first
    while location.startswith(prefix) and location != last and len(asked) < WALK_LIMIT:
        asked.append(location)
        location = visitor.post(location, answer(location.removeprefix(prefix).split("?")[0]))
    return asked


def selfcheck_pages(visitor: Visitor) -> list[str]:
    answer = lambda slug: {"answer": default_answer(slug)}  # noqa: E731
    asked = walk(visitor, FIRST_QUESTION, QUESTION_PREFIX, answer, last="/check/answers")
    return [*asked, "/check/answers", "/check/results"]


def contact_pages(visitor: Visitor) -> list[str]:
    asked = walk(visitor, "/contact/who", "/contact/", CONTACT_ANSWERS.__getitem__, last="/contact/check-answers")
    return [*asked, "/contact/check-answers"]


@dataclass(frozen=True)
class Row:
    measurement: Measurement
    anchor_name: str
    anchor: Measurement
    target: float

    @property
    def ratio(self) -> float:
        return self.measurement.requests_per_second / self.anchor.requests_per_second

    @property
    def passes(self) -> bool:
        return self.ratio >= self.target and self.measurement.p99_milliseconds < P99_TARGET_MILLISECONDS


def print_rows(rows: Sequence[Row], static: Measurement, bare: Measurement, session_floor: Measurement) -> None:
    width = max(len(row.measurement.path) for row in rows) + 2
    print(f"\nstatic file {static.requests_per_second:.0f} req/s, bare view {bare.requests_per_second:.0f} req/s")
    print(
        f"session floor (the bare view reading a person's session and giving a form token): "
        f"{session_floor.requests_per_second:.0f} req/s, "
        f"{session_floor.requests_per_second / bare.requests_per_second:.2f} x bare, "
        f"p99 {session_floor.p99_milliseconds:.2f} ms"
    )
    print(f"{'path':<{width}}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'x static':>9}{'x bare':>8}  target")
    for row in rows:
        found = row.measurement
        verdict = "PASS" if row.passes else "FAIL"
        print(
            f"{found.path:<{width}}{found.requests_per_second:>8.0f}{found.p50_milliseconds:>8.2f}"
            f"{found.p99_milliseconds:>8.2f}{found.requests_per_second / static.requests_per_second:>9.2f}"
            f"{found.requests_per_second / bare.requests_per_second:>8.2f}"
            f"  {verdict} >= {row.target} x {row.anchor_name}, p99 < {P99_TARGET_MILLISECONDS:.0f}"
        )
    print(f"\n{sum(row.passes for row in rows)} of {len(rows)} pages meet their targets")


def faster(first: Measurement, last: Measurement) -> Measurement:
    return max(first, last, key=lambda found: found.requests_per_second)


def print_anchor_readings(
    static_first: Measurement, static_last: Measurement, bare_first: Measurement, bare_last: Measurement
) -> None:
    print(
        f"anchors measured before and after the pages: static file {static_first.requests_per_second:.0f} and "
        f"{static_last.requests_per_second:.0f} req/s, bare view {bare_first.requests_per_second:.0f} and "
        f"{bare_last.requests_per_second:.0f} req/s; each page is judged against the faster reading"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=5, help="seconds of load per page, after 1 s of warm-up")
    parser.add_argument("--without-page-memory", action="store_true", help="render every page in its view")
    parser.add_argument("--only", default="", help="measure only the pages whose path contains this text")
    arguments = parser.parse_args()
    seconds = arguments.seconds
    page_memory = {"WAYPOST_BENCHMARK_PAGE_MEMORY": "off" if arguments.without_page_memory else "on"}

    def chosen(paths: Sequence[str]) -> list[str]:
        return [path for path in paths if arguments.only in path]

    def timed(base_url: str, path: str, headers: Sequence[str] = ()) -> Measurement:
        return measure(base_url, path, seconds=seconds, warm_up_seconds=1, headers=headers)

    with production_server(extra_environment=page_memory, with_demo_data=True) as (base_url, _environment):
        checking, contacting = Visitor(base_url), Visitor(base_url)
        session_pages = [(path, checking) for path in selfcheck_pages(checking)]
        session_pages += [(path, contacting) for path in contact_pages(contacting)]
        static_first, bare_first = timed(base_url, STATIC_ANCHOR), timed(base_url, BARE_PATH)
        session_floor = timed(base_url, SESSION_FLOOR, [fresh_cookie(checking, SESSION_FLOOR)])
        from_memory = [timed(base_url, path) for path in chosen(FROM_MEMORY)]
        dynamic = [timed(base_url, path) for path in chosen(WITHOUT_SESSION)]
        dynamic += [
            timed(base_url, path, [fresh_cookie(visitor, path)])
            for path, visitor in session_pages
            if arguments.only in path
        ]
        static_last, bare_last = timed(base_url, STATIC_ANCHOR), timed(base_url, BARE_PATH)
    print_anchor_readings(static_first, static_last, bare_first, bare_last)
    # Judged against the faster reading of each anchor, so a slow moment of the machine passes no page
    static, bare = faster(static_first, static_last), faster(bare_first, bare_last)
    rows = [Row(found, "static", static, MEMORY_TARGET) for found in from_memory]
    rows += [Row(found, "bare", bare, DYNAMIC_TARGET) for found in dynamic]
    print_rows(rows, static, bare, session_floor)


if __name__ == "__main__":
    main()
