"""Search latency over the real pages and over 1,000 generated pages, and the search page against a bare view.

Run: `python -m benchmarks.search` (needs wrk: `apt-get install wrk`).
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Callable

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
os.environ.setdefault("WAYPOST_HTTPS", "false")

import django

django.setup()

from benchmarks.harness import BARE_PATH, measure, percentile, print_table, production_server  # noqa: E402
from waypost.content.page_search import page_index  # noqa: E402
from waypost.content.search import Document, SearchIndex, parse_query  # noqa: E402

QUERIES = [
    "is ketamine addictive",
    "bladder pain",
    "blood in pee",
    "addicted",
    "k-hole",
    "mixing with alcohol",
    "how to help my son",
    "withdrawal",
    "bladdr",
    "treatment options detox",
    "is it legal in the uk",
    "memory problems",
    "craving",
    "relapse",
    "xylophone",
]
GENERATED_PAGES = 1_000
REPEATS = 200


def time_queries(search: Callable[[str], object]) -> list[float]:
    samples = []
    for _ in range(REPEATS):
        for query in QUERIES:
            started = time.perf_counter()
            search(query)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def generated_index(vocabulary: list[str]) -> tuple[SearchIndex, float]:
    generator = random.Random(2026)
    documents = [
        Document(
            key=f"page-{number}",
            title=" ".join(generator.choices(vocabulary, k=6)),
            summary=" ".join(generator.choices(vocabulary, k=25)),
            body=" ".join(generator.choices(vocabulary, k=600)),
        )
        for number in range(GENERATED_PAGES)
    ]
    started = time.perf_counter()
    index = SearchIndex(documents)
    return index, time.perf_counter() - started


def report(name: str, samples: list[float]) -> None:
    print(f"{name:<32}{statistics.median(samples):>10.3f}{percentile(samples, 0.95):>10.3f}")


def main() -> None:
    real = page_index()
    vocabulary = [word for document in real.documents.values() for word in document.body.split()]
    generated, build_seconds = generated_index(vocabulary)
    print(f"In-process query latency ({len(QUERIES)} queries x {REPEATS})")
    print(f"{'index':<32}{'p50 ms':>10}{'p95 ms':>10}")
    report(
        f"real pages ({len(real.documents)})",
        time_queries(lambda query: real.search(parse_query(query).terms)),
    )
    report(
        f"generated pages ({GENERATED_PAGES})",
        time_queries(lambda query: generated.search(parse_query(query).terms)),
    )
    print(f"building the index of {GENERATED_PAGES} generated pages took {build_seconds:.2f} s")

    with production_server() as (base_url, _environment):
        baseline = measure(base_url, BARE_PATH)
        rows = [
            baseline,
            measure(base_url, "/learn/search?q=is+ketamine+addictive"),
            measure(base_url, "/learn/"),
        ]
    print_table("Search page under gunicorn, 2 workers x 4 threads, wrk 2 threads x 16 connections", rows, baseline)


if __name__ == "__main__":
    main()
