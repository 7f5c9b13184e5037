"""The package's public face: exported names, import cost, the stdlib JSON fallback, typing marker."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import kombo_tag_errors


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)


def test_exported_members_match_all() -> None:
    """Every public name of the package is in __all__, sorted, and every name in __all__ exists."""
    public = {n for n in dir(kombo_tag_errors) if not n.startswith("_")}
    # Submodules that appear once imported.
    modules = {
        "cli",
        "httpx",
        "logs",
        "otel",
        "replay",
        "retry",
        "schema",
        "sentry",
        "strategies",
        "structlog",
        "testing",
        "tracebacks",
    }
    assert public - modules == set(kombo_tag_errors.__all__)
    assert list(kombo_tag_errors.__all__) == sorted(
        kombo_tag_errors.__all__, key=lambda n: (not n.isupper(), n)
    )


def test_version_comes_from_metadata() -> None:
    """__version__ is served from the installed metadata, not a second copy."""
    from importlib.metadata import version

    assert kombo_tag_errors.__version__ == version("kombo-tag-errors")


def test_import_pulls_in_no_integration() -> None:
    """Importing the package, its logs or retry imports no httpx, hypothesis, pytest, OTel or Sentry."""
    result = _run(
        "import sys, kombo_tag_errors, kombo_tag_errors.logs, kombo_tag_errors.retry; "
        "names = ('httpx', 'hypothesis', 'pytest', 'opentelemetry', 'sentry_sdk', 'structlog'); "
        "print(sorted(m for m in names if m in sys.modules))"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_strategies_without_hypothesis_name_the_extra() -> None:
    """Importing the strategies without hypothesis raises an ImportError naming the extra."""
    result = _run(
        "import sys; sys.modules['hypothesis'] = None\n"
        "try:\n import kombo_tag_errors.strategies\n"
        "except ImportError as e:\n print(e)"
    )
    assert "pip install 'kombo-tag-errors[hypothesis]'" in result.stdout


def test_ships_py_typed() -> None:
    """The package ships the py.typed marker."""
    assert (Path(kombo_tag_errors.__file__).parent / "py.typed").is_file()
