"""Fault scenarios on the real stack: `python -m bench.faults --help`, docs/reliability.md."""
