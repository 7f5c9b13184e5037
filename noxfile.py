"""Sessions named after their concern: ``nox -s tests lint typecheck``; ``nox -l`` lists them all."""

from __future__ import annotations

import os

import nox

nox.needs_version = ">=2025.2.9"  # nox.project.dependency_groups
nox.options.sessions = ["tests", "lint", "typecheck"]
nox.options.error_on_missing_interpreters = False  # a missing CPython is skipped with a message

# The CPython versions not past their end of life; one that is not installed is skipped with a message.
# 3.14 runs where it is installed; the classifiers in pyproject.toml name only the versions tested so far.
PYTHONS = ["3.11", "3.12", "3.13", "3.14"]
PYPROJECT = nox.project.load_toml("pyproject.toml")

# The oldest releases the dependency lower bounds in pyproject.toml were tested with.
OLDEST = [
    "attrs==24.3.0",
    "cattrs==23.2.3",
    "orjson==3.9.15",
    "httpx==0.28.1",
    "structlog==24.1.0",
    "opentelemetry-api==1.20.0",
    "opentelemetry-sdk==1.20.0",
    "sentry-sdk==2.0.0",
    "hypothesis==6.100.0",
    "dask==2024.8.0",
]


def _group(name: str) -> list[str]:
    """The requirements of a PEP 735 dependency group of pyproject.toml (any pip can install them)."""
    return list(nox.project.dependency_groups(PYPROJECT, name))


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """The test suite against the built package, on every CPython found."""
    session.install(".", *_group("test"))
    session.run("python", "-m", "pytest", *session.posargs, env={"HYPOTHESIS_PROFILE": _profile()})


@nox.session(python=PYTHONS[0])
def tests_oldest(session: nox.Session) -> None:
    """The test suite with the oldest dependency releases pyproject.toml admits."""
    session.install(".", *_group("test"), *OLDEST)
    session.run("python", "-m", "pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff: lint and formatting."""
    session.install(*_group("lint"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict on src/."""
    session.install(".[hypothesis,structlog,otel,sentry]", *_group("lint"))
    session.run("mypy")


@nox.session
def verifytypes(session: nox.Session) -> None:
    """pyright --verifytypes on the installed package: every public name has a known type."""
    session.install(".[hypothesis,structlog,otel,sentry]", "pyright>=1.1.414")
    session.run("pyright", "--verifytypes", "kombo_tag_errors", "--ignoreexternal")


def _profile() -> str:
    return os.environ.get("HYPOTHESIS_PROFILE", "dev")


@nox.session
def docs(session: nox.Session) -> None:
    """Build the HTML docs from scratch; every warning, a broken reference included, is an error.

    ``nox -s docs -- DIR`` writes them to DIR instead of ``docs/_build/html`` (Read the Docs does).
    """
    out = session.posargs[0] if session.posargs else "docs/_build/html"
    session.install(".", *_group("docs"))
    session.run("sphinx-build", "-E", "-W", "--keep-going", "-n", "-b", "html", "docs", out)


@nox.session
def bench(session: nox.Session) -> None:
    """Time this package against pydantic, msgspec, dataclasses_json, the Kombo SDK and bare orjson.

    Arguments after ``--`` go to the harness: ``nox -s bench -- --quick``, ``-- --json results.json``.
    """
    session.install(".", *_group("bench"))
    session.run("python", "-m", "benchmarks.bench_structure", *session.posargs)


@nox.session
def fuzz(session: nox.Session) -> None:
    """Fuzz `loads` and the httpx path with atheris, each for a given number of seconds (default 60).

    ``nox -s fuzz -- 600`` fuzzes each harness for ten minutes; a failing input fails the session.
    """
    seconds = session.posargs[0] if session.posargs else "60"
    session.install(".", *_group("fuzz"))
    for target in ("loads", "httpx"):
        session.run("python", "fuzz/run.py", target, "--seconds", seconds)
