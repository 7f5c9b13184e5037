"""The docs cannot drift from the code: every Python example runs, every public name is in the reference.

The ```` ```python ```` blocks of a page (and ```` ```{code-block} python ````) run in order in one fresh
namespace, so a page can build on its earlier blocks: one test case a page, named by its path.
A block that must not run is fenced as another language (``pycon``, ``text``, ``sh``), or follows a
``<!-- skip: reason -->`` line; each such block is its own skipped case, with that reason.
"""

from __future__ import annotations

import importlib
import logging
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = [*sorted(p for p in DOCS.rglob("*.md") if "_build" not in p.parts), ROOT / "README.md"]

PYTHON = frozenset({"python", "py", "python3"})
CODE_DIRECTIVES = frozenset({"code-block", "code", "sourcecode", "code-cell"})
NOT_MARKDOWN = CODE_DIRECTIVES | {"eval-rst", "include", "literalinclude", "toctree", "automodule"}

_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_SKIP = re.compile(r"^\s*<!--\s*skip:\s*(?P<reason>.*?)\s*-->\s*$")
_OPTION = re.compile(r"^\s*:[\w-]+:")


@attrs.frozen
class Block:
    """One Python example: the line its code starts on, the code, and why it is skipped (or None)."""

    line: int
    code: str
    skip: str | None


def python_blocks(text: str) -> list[Block]:
    """The Python blocks of a MyST page, in order, including those nested in directives."""
    return list(_scan(text.splitlines(), 0, len(text.splitlines())))


def _scan(lines: list[str], start: int, end: int) -> Iterator[Block]:
    i = start
    while i < end:
        match = _FENCE.match(lines[i])
        if match is None:
            i += 1
            continue
        fence, info = match["fence"], match["info"].strip()
        closing = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        close = next((j for j in range(i + 1, end) if closing.match(lines[j])), end)
        directive, language = _directive_and_language(info)
        if language in PYTHON and directive in (None, *CODE_DIRECTIVES):
            body = i + 1
            if directive is not None:  # a directive's options come first, then an optional blank line
                while body < close and _OPTION.match(lines[body]):
                    body += 1
                if body < close and not lines[body].strip():
                    body += 1
            code = textwrap.dedent("\n".join(lines[body:close]))
            yield Block(line=body + 1, code=code, skip=_skip_reason(lines, i))
        elif directive is not None and directive not in NOT_MARKDOWN:
            yield from _scan(lines, i + 1, close)  # an admonition and the like hold Markdown
        i = close + 1


def _directive_and_language(info: str) -> tuple[str | None, str]:
    words = info.split()
    if not words:
        return None, ""
    if words[0].startswith("{") and words[0].endswith("}"):
        return words[0][1:-1], (words[1] if len(words) > 1 else "")
    return None, words[0]


def _skip_reason(lines: list[str], fence: int) -> str | None:
    before = next((line for line in reversed(lines[:fence]) if line.strip()), "")
    match = _SKIP.match(before)
    return match["reason"] if match else None


def _name(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


def _cases() -> Iterator[Any]:
    for page in PAGES:
        blocks = python_blocks(page.read_text(encoding="utf-8"))
        if any(b.skip is None for b in blocks):
            yield pytest.param(page, id=_name(page))
        for b in blocks:
            if b.skip is not None:
                reason = f"{_name(page)}:{b.line} is not run: {b.skip}"
                yield pytest.param(page, id=f"{_name(page)}:{b.line}", marks=pytest.mark.skip(reason=reason))


@pytest.fixture
def undo_logging_setup() -> Iterator[None]:
    """Remove and close the handlers a page adds to named loggers (the root one is pytest's)."""
    before = {id(logger): list(logger.handlers) for logger in _loggers()}
    yield
    for logger in _loggers():
        for handler in [h for h in logger.handlers if h not in before.get(id(logger), [])]:
            logger.removeHandler(handler)
            handler.close()


def _loggers() -> list[logging.Logger]:
    return [lg for lg in list(logging.root.manager.loggerDict.values()) if isinstance(lg, logging.Logger)]


@pytest.mark.parametrize("page", list(_cases()))
@pytest.mark.usefixtures("undo_logging_setup")
def test_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Python block of the page runs without error, in order, in one namespace of its own."""
    monkeypatch.chdir(tmp_path)  # a page that writes files writes them here
    namespace: dict[str, Any] = {"__name__": f"docs:{_name(page)}"}
    for block in python_blocks(page.read_text(encoding="utf-8")):
        if block.skip is None:
            # Padding with newlines makes a traceback name the line of the Markdown file.
            source = "\n" * (block.line - 1) + block.code
            exec(compile(source, str(page), "exec"), namespace)


def test_blocks_are_found_where_myst_puts_them() -> None:
    """The collector finds plain, directive, nested and indented Python blocks, and no other language."""
    page = textwrap.dedent(
        """\
        ```python
        a = 1
        ```

        ```pycon
        >>> not_run
        ```

        ````{note}
        Inside a directive:

        ```{code-block} python
        :caption: with an option

        b = a + 1
        ```
        ````

        <!-- skip: needs a live API key -->

        ~~~python
        never()
        ~~~

        1. In a list:

           ```py
           c = b + 1
           ```

        ```{eval-rst}
        .. code-block:: python

           not_collected()
        ```
        """
    )
    assert python_blocks(page) == [
        Block(line=2, code="a = 1", skip=None),
        Block(line=15, code="b = a + 1", skip=None),
        Block(line=22, code="never()", skip="needs a live API key"),
        Block(line=28, code="c = b + 1", skip=None),
    ]


def test_the_pages_with_examples_are_collected() -> None:
    """The landing page, the tutorial and the README each have examples that run."""
    names = {_name(p) for p in PAGES if any(b.skip is None for b in python_blocks(p.read_text("utf-8")))}
    assert {"README.md", "docs/index.md", "docs/tutorial.md", "docs/explanation.md"} <= names


def _documented(api: str) -> dict[str, set[str]]:
    """Module name -> the names the API reference documents under it."""
    out: dict[str, set[str]] = {}
    module = None
    for line in api.splitlines():
        match = re.match(r"^\.\. (currentmodule|automodule|auto\w+)::\s*(\S+)", line)
        if match is None:
            continue
        kind, name = match.groups()
        if kind in ("currentmodule", "automodule"):
            module = name
            out.setdefault(module, set())
        elif module is not None:
            out[module].add(name)
    return out


def test_api_reference_documents_every_public_name() -> None:
    """Each module of docs/api.md has every name of its __all__ documented there, and nothing else."""
    documented = _documented((DOCS / "api.md").read_text(encoding="utf-8"))
    assert {"kombo_tag_errors", "kombo_tag_errors.strategies"} <= set(documented)
    for module_name, names in documented.items():
        module = importlib.import_module(module_name)
        assert names == set(module.__all__), module_name


_LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")


def test_readme_links_point_to_files_that_exist() -> None:
    """Every relative link of the README names a file of the repository; Sphinx checks the docs' links."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = [m["target"].partition("#")[0] for m in _LINK.finditer(text)]
    relative = [t for t in targets if t and "://" not in t and not t.startswith("mailto:")]
    assert relative, "the README links to no file of the repository"
    assert [t for t in relative if not (ROOT / t).is_file()] == []
