"""The fault harness: Waypost behind nginx on real processes, kept to its promises while parts of it fail.

`python -m benchmarks.faults` runs it for a few minutes; `tests/deploy/test_faults.py` runs a short version in the
suite. docs/adr/0035-reference-deployment-and-fault-harness.md explains what it proves and records its figures.
"""
