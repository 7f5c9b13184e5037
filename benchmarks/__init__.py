"""Benchmarks of kombo-tag-errors against its peers: ``python -m benchmarks.bench_structure``."""

__all__: list[str] = []
