"""The production settings, plus a bare view to measure every page against."""

from waypost.config.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
