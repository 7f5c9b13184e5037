"""The fast path, generated from the classes' `Spec` as attrs and cattrs generate theirs.

For each class of this package, `fast_path` writes one function that takes a decoded JSON object and
returns the instance when the object is valid, reading each field's key with its rule's quick test,
or `None` at the first doubt: the general path then finds every problem, at its path.
The instance is built without its ``__init__``: the generated tests are the validators' own rules,
applied once. A response and a status code given to the function are attached in the same step.
"""

from __future__ import annotations

import linecache
from collections.abc import Callable
from typing import Any, Final

from ._models import (
    APIStatusError,
    KomboAPIError,
    PostAtsCandidatesCandidateIDTagsError,
    PostAtsCandidatesCandidateIDTagsResponseBody,
)
from ._rules import QUICK_NAMES, Spec, spec_of
from ._unset import UNSET
from ._values import is_json, lost_digits

__all__ = ["FastPath", "fast_path", "has_fast_path"]

FastPath = Callable[..., Any]
"""``fast(obj, response=None, status_code=None)``: the instance, or `None` for the general path."""

_CLASSES: Final = (
    PostAtsCandidatesCandidateIDTagsError,
    KomboAPIError,
    PostAtsCandidatesCandidateIDTagsResponseBody,
    APIStatusError,
)
_MISSING: Final = object()
_paths: dict[tuple[type, bool], FastPath] = {}


def has_fast_path(cls: type) -> bool:
    """Whether *cls* is one of this package's classes, built by a generated fast path."""
    return cls in _CLASSES


def fast_path(cls: type, *, decoded: bool) -> FastPath:
    """The generated fast path of *cls*; with *decoded*, for objects orjson made (JSON types only)."""
    try:
        return _paths[cls, decoded]
    except KeyError:
        pass
    if not has_fast_path(cls):
        raise TypeError(f"{cls.__name__} has no fast path: it is built through its __init__")
    _paths[cls, decoded] = fn = _generate(cls, decoded)
    return fn


class _Writer:
    def __init__(self, decoded: bool) -> None:
        self.lines: list[str] = []
        self.globals: dict[str, Any] = {
            "_MISSING": _MISSING,
            "_UNSET": UNSET,
            **QUICK_NAMES,
            "_is_json": is_json,
            "_lost_digits": lost_digits,
            "_exception_new": Exception.__new__,
            "_object_new": object.__new__,
        }
        self.decoded = decoded
        self.count = 0

    def name(self, prefix: str, value: Any) -> str:
        self.count += 1
        key = f"_{prefix}{self.count}"
        self.globals[key] = value
        return key

    def emit(self, indent: int, line: str) -> None:
        self.lines.append("    " * indent + line)

    def model(self, spec: Spec, src: str, out: str, indent: int) -> None:
        """Lines that read object *src* into a new instance *out* of *spec*'s class, or return None."""
        values = []
        count = f"{out}_n"
        self.emit(indent, f"{count} = 0")
        for f in spec.fields:
            var = f"{out}_{f.name}"
            self.emit(indent, f"v = {src}.get({f.key!r}, _MISSING)")
            if f.required:
                self.emit(indent, f"{count} += 1")
                inner = indent
            else:
                self.emit(indent, "if v is _MISSING:")
                self.emit(indent + 1, f"{var} = {self.name('default', f.default)}")
                self.emit(indent, "else:")
                self.emit(indent + 1, f"{count} += 1")
                inner = indent + 1
            if f.model is not None:
                self.emit(inner, "if type(v) is not dict:")
                self.emit(inner + 1, "return None")
                self.emit(inner, f"{var}_src = v")
                self.model(spec_of(f.model), f"{var}_src", var, inner)
            else:
                rule = f.rule
                assert rule is not None
                self.emit(inner, f"if not {rule.test}:")
                self.emit(inner + 1, "return None")
                self.emit(inner, f"{var} = {rule.convert or 'v'}")
            values.append((f.name, var))
        extra = f"{out}_extra"
        self.emit(indent, f"if len({src}) == {count}:")
        self.emit(indent + 1, f"{extra} = {{}}")
        self.emit(indent, "else:")
        keys = self.name("keys", spec.keys)
        self.emit(indent + 1, f"{extra} = {{k: w for k, w in {src}.items() if k not in {keys}}}")
        if self.decoded:
            self.emit(
                indent + 1,
                f"if not _is_json({extra}.values(), decoded=True) or _lost_digits({extra}.values()):",
            )
        else:
            self.emit(
                indent + 1, f"if not _is_json({extra}.values()) or not all(type(k) is str for k in {extra}):"
            )
        self.emit(indent + 2, "return None")
        assert spec.catch_all is not None
        values.append((spec.catch_all, extra))
        cls = self.name("cls", spec.cls)
        new = "_exception_new" if issubclass(spec.cls, BaseException) else "_object_new"
        self.emit(indent, f"{out} = {new}({cls})")
        self.emit(indent, f"d = {out}.__dict__")
        for name, var in values:
            self.emit(indent, f"d[{name!r}] = {var}")


def _generate(cls: type, decoded: bool) -> FastPath:
    w = _Writer(decoded)
    w.emit(0, "def fast(o, response=None, status_code=None):")
    w.emit(1, "if type(o) is not dict:")
    w.emit(2, "return None")
    w.model(spec_of(cls), "o", "r", 1)
    if issubclass(cls, KomboAPIError):
        w.emit(1, "d['raw_response'] = response")
        if issubclass(cls, APIStatusError):
            w.emit(1, "d['status_code'] = status_code")
    w.emit(1, "return r")
    source = "\n".join(w.lines) + "\n"
    filename = f"<kombo_tag_errors fast path {cls.__name__}{' decoded' if decoded else ''}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    namespace: dict[str, Any] = {}
    exec(compile(source, filename, "exec"), w.globals, namespace)
    fn: FastPath = namespace["fast"]
    fn.__doc__ = f"The fast path of {cls.__name__}, generated from its fields."
    return fn
