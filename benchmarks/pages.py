"""Public shell pages against a bare Django view, under the production server.

Run: `python -m benchmarks.pages` (needs wrk: `apt-get install wrk`)."""

from __future__ import annotations

from benchmarks.harness import BARE_PATH, measure, print_table, production_server

PAGES = ["/", "/urgent"]


def main() -> None:
    with production_server() as (base_url, _environment):
        baseline = measure(base_url, BARE_PATH)
        rows = [baseline, *(measure(base_url, path) for path in PAGES)]
    print_table("Pages under gunicorn, 2 workers x 4 threads, SQLite, wrk 2 threads x 16 connections", rows, baseline)


if __name__ == "__main__":
    main()
