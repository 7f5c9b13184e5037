"""Sphinx configuration: furo theme, MyST Markdown, autodoc; warnings are errors (``nox -s docs``)."""

from __future__ import annotations

import re
import sys
from importlib.metadata import version as _version

import attrs
from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.pycode import ModuleAnalyzer

project = "kombo-tag-errors"
author = "kombo-tag-errors contributors"
copyright = f"%Y, {author}"
# The installed package's metadata: no second copy of the version.
release = _version("kombo-tag-errors")
version = ".".join(release.split(".")[:2])

extensions = ["myst_parser", "sphinx.ext.autodoc"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
root_doc = "index"

# MyST: ":::" fences for admonitions, definition lists, and anchors on headings to level 3.
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# Every reference must resolve: an unknown name or document is a warning, and the build turns warnings
# into errors.
nitpicky = True
nitpick_ignore = [
    # The models' alias of Any for a decoded JSON value, shown by name where a signature names it.
    ("py:class", "JSON"),
    # The recursive alias as signatures spell it, documented as kombo_tag_errors.JSON.
    ("py:class", "kombo_tag_errors._values.JSON"),
    # structure's type variable: the class it is given.
    ("py:class", "kombo_tag_errors._api._T"),
    # trim_traceback's type variable: it returns the exception it was given, of the same type.
    ("py:class", "kombo_tag_errors.tracebacks._E"),
]

# The build reads no network, so intersphinx cannot fetch the other projects' inventories.
# This table is a small inventory of its own: every name of another project that a docstring or a
# signature mentions, linked to that project's documentation. A name missing here is still a warning.
_PY = "https://docs.python.org/3/library/"
_HTTPX = "https://www.python-httpx.org/"
EXTERNAL = {
    "cattrs.Converter": "https://catt.rs/en/stable/cattrs.html#cattrs.Converter",
    "cattrs.converters.Converter": "https://catt.rs/en/stable/cattrs.html#cattrs.Converter",
    "cattrs.converters.BaseConverter": "https://catt.rs/en/stable/cattrs.html#cattrs.BaseConverter",
    "collections.abc.Callable": f"{_PY}collections.abc.html#collections.abc.Callable",
    "collections.abc.Coroutine": f"{_PY}collections.abc.html#collections.abc.Coroutine",
    "collections.abc.Collection": f"{_PY}collections.abc.html#collections.abc.Collection",
    "collections.abc.Iterable": f"{_PY}collections.abc.html#collections.abc.Iterable",
    "collections.abc.Mapping": f"{_PY}collections.abc.html#collections.abc.Mapping",
    "collections.abc.MutableMapping": f"{_PY}collections.abc.html#collections.abc.MutableMapping",
    "httpx": _HTTPX,
    "httpx.AsyncClient": f"{_HTTPX}api/#asyncclient",
    "httpx.Client": f"{_HTTPX}api/#client",
    "httpx.Response": f"{_HTTPX}api/#response",
    "httpx.Request": f"{_HTTPX}api/#request",
    "httpx.MockTransport": f"{_HTTPX}advanced/transports/#mock-transports",
    "hypothesis.strategies.SearchStrategy": (
        "https://hypothesis.readthedocs.io/en/latest/reference/strategies.html"
        "#hypothesis.strategies.SearchStrategy"
    ),
    "logging": f"{_PY}logging.html",
    "logging.Filter": f"{_PY}logging.html#logging.Filter",
    "logging.LogRecord": f"{_PY}logging.html#logging.LogRecord",
    "opentelemetry.trace.span.Span": (
        "https://opentelemetry-python.readthedocs.io/en/latest/api/trace.span.html"
        "#opentelemetry.trace.span.Span"
    ),
    # sentry_sdk.types.Event and Hint, named as the sentry module imports them for type checking.
    "Event": "https://docs.sentry.io/platforms/python/configuration/filtering/#using-before-send",
    "Hint": "https://docs.sentry.io/platforms/python/configuration/filtering/#using-hints",
    "logging.handlers.QueueHandler": f"{_PY}logging.handlers.html#logging.handlers.QueueHandler",
}

# `name` in docstrings and in {py:obj} roles is a cross-reference to a Python object.
default_role = "py:obj"

add_module_names = False
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"exclude-members": "__init__, __new__"}

html_theme = "furo"
html_title = f"kombo-tag-errors {release}"
html_static_path: list[str] = []


def _docstring_of_reexported_data(
    app: Sphinx, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    """Give a constant re-exported by ``kombo_tag_errors`` the docstring written where it is defined.

    autodoc reads a constant's docstring from the module it is documented in; the package's
    ``__init__`` only imports them, so autodoc would show the docstring of their type instead.
    """
    module_name, _, attr = name.rpartition(".")
    if what != "data" or not module_name.startswith("kombo_tag_errors"):
        return
    if ModuleAnalyzer.for_module(module_name).find_attr_docs().get(("", attr)):
        return  # documented where it is defined
    # It was imported from one of the package's modules, which are loaded by now.
    for source_name, source in list(sys.modules.items()):
        if (
            source_name.startswith(f"{module_name}.")
            and getattr(source, attr, None) is obj
        ):
            doc = (
                ModuleAnalyzer.for_module(source_name).find_attr_docs().get(("", attr))
            )
            if doc:
                lines[:] = list(doc)
                return


def _readable_defaults(
    app: Sphinx,
    what: str,
    name: str,
    obj: object,
    options: object,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str | None, str | None] | None:
    """Show a class default by its name, `UNSET` as such, and ``factory=dict`` as ``{}``, not ``NOTHING``."""
    if signature is None:
        return None
    signature = re.sub(r"<class '(?:\w+\.)*(\w+)'>", r"\1", signature)
    # Sphinx 7.2 writes an enum member with its class name.
    signature = signature.replace("UnsetType.UNSET", "UNSET")
    if isinstance(obj, type) and attrs.has(obj):
        for field in attrs.fields(obj):
            if (
                isinstance(field.default, attrs.Factory)
                and field.default.factory is dict
            ):
                signature = re.sub(
                    rf"(\b{field.alias}: [^=]*= )(?:_Nothing\.)?NOTHING",
                    r"\1{}",
                    signature,
                )
    return signature, return_annotation


def _external_reference(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.reference | None:
    """Link a Python name of `EXTERNAL` to its project's documentation, as intersphinx would."""
    url = EXTERNAL.get(node["reftarget"]) if node.get("refdomain") == "py" else None
    if url is None:
        return None
    return nodes.reference(
        "", "", contnode, internal=False, refuri=url, reftitle=node["reftarget"]
    )


def setup(app: Sphinx) -> None:
    app.connect("missing-reference", _external_reference)
    app.connect("autodoc-process-docstring", _docstring_of_reexported_data)
    app.connect("autodoc-process-signature", _readable_defaults)
