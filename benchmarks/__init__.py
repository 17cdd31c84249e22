"""Benchmarks, run by hand (`python -m benchmarks.pages`); never part of the test suite."""
