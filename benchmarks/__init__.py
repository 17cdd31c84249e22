"""Benchmarks, run by hand (`python -m benchmarks.pages`); the fault harness also runs in short in the suite."""
