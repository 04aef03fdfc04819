"""Benchmarks, run with `python -m bench [NAME ...]` (or `make bench`); kept out of the tests."""
