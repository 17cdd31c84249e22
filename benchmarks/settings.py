"""The production settings, plus a bare view to measure every page against."""

import os

from waypost.config.settings import *  # noqa: F403
from waypost.config.settings import MIDDLEWARE

ROOT_URLCONF = "benchmarks.urls"
# `python -m benchmarks.pages --without-page-memory` measures the pages as the views render them (ADR 0033)
if os.environ.get("WAYPOST_BENCHMARK_PAGE_MEMORY") == "off":
    MIDDLEWARE = [name for name in MIDDLEWARE if name != "waypost.core.page_memory.PageMemoryMiddleware"]
