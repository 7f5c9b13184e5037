"""The project's metadata and the files a published project carries, as pyproject.toml declares them."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT: dict[str, Any] = PYPROJECT["project"]
PUBLISHED = PROJECT["dependencies"] + [r for rs in PROJECT["optional-dependencies"].values() for r in rs]


@pytest.mark.parametrize("requirement", PUBLISHED)
def test_published_requirements_have_no_upper_bound(requirement: str) -> None:
    """A published requirement gives only a lower bound: no <, <=, ==, ~= or != holds a user back."""
    spec = requirement.split(";")[0]
    assert re.search(r">=\d", spec), requirement
    assert not re.search(r"<|==|~=|!=", spec), requirement


def test_development_tools_are_dependency_groups_not_extras() -> None:
    """The extras are the runtime integrations; test, lint, docs, bench and fuzz are PEP 735 groups."""
    assert set(PROJECT["optional-dependencies"]) == {"hypothesis", "structlog", "otel", "sentry"}
    assert {"test", "lint", "docs", "bench", "fuzz"} <= set(PYPROJECT["dependency-groups"])


def test_python_classifiers_start_at_requires_python() -> None:
    """The Python classifiers are consecutive minor versions, starting at the requires-python floor."""
    assert "Framework :: Hypothesis" in PROJECT["classifiers"]
    minors = [
        int(c.rsplit(".", 1)[1])
        for c in PROJECT["classifiers"]
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    ]
    assert PROJECT["requires-python"] == f">=3.{minors[0]}"
    assert minors == list(range(minors[0], minors[0] + len(minors)))


def test_project_urls() -> None:
    """The project names its documentation, source, issue tracker and changelog."""
    assert {"Documentation", "Source", "Issues", "Changelog"} <= set(PROJECT["urls"])
    assert all(url.startswith("https://") for url in PROJECT["urls"].values())


def test_sdist_holds_what_its_tests_and_sessions_need() -> None:
    """The sdist includes the tests and their data, fuzz/, the nox file and the project's documents."""
    include = PYPROJECT["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]
    needed = {"src", "tests", "docs", "examples", "benchmarks", "fuzz", "noxfile.py", "SECURITY.md"}
    assert needed | {".readthedocs.yaml", "LICENSE", "README.md", "CHANGELOG.md"} <= set(include)
    assert all((ROOT / name).exists() for name in include)
    assert (ROOT / "tests" / "data" / "README.md").is_file()


def test_read_the_docs_builds_as_nox_does() -> None:
    """.readthedocs.yaml runs the nox docs session into Read the Docs' output folder."""
    config = (ROOT / ".readthedocs.yaml").read_text(encoding="utf-8")
    assert re.search(r"^version: 2$", config, re.M)
    assert 'nox -s docs -- "$READTHEDOCS_OUTPUT/html"' in config


def test_coverage_has_a_floor() -> None:
    """Coverage is measured with branches and fails under a floor."""
    coverage = PYPROJECT["tool"]["coverage"]
    assert coverage["run"]["branch"] is True
    assert 90 <= coverage["report"]["fail_under"] < 100
