"""Shared fixtures, the hypothesis profiles (registered once here) and a summary of recorded timings.

``HYPOTHESIS_PROFILE=ci`` (set by ``.ci/run``) runs more examples; the default ``dev`` profile is fast.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# For examples written to be read and run, not to search: the strategies' docstrings.
settings.register_profile("examples", max_examples=10, deadline=None)
settings.load_profile(PROFILE)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Report the slowest time recorded by ``record_property("loads_ms", ...)``: measured, never asserted."""
    times = [
        (value, report.nodeid)
        for report in terminalreporter.stats.get("passed", [])
        for name, value in report.user_properties
        if name == "loads_ms"
    ]
    if times:
        worst, nodeid = max(times)
        terminalreporter.write_sep("-", "loads timings (measured, not asserted)")
        terminalreporter.write_line(f"{len(times)} tests recorded loads_ms; slowest {worst:.1f} ms: {nodeid}")


@pytest.fixture
def few_examples() -> Iterator[None]:
    """Run the test's hypothesis tests under the "examples" profile (10 examples each), then restore."""
    settings.load_profile("examples")
    try:
        yield
    finally:
        settings.load_profile(PROFILE)
