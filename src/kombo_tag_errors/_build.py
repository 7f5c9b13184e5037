"""Code generated from the classes' `Spec`, as attrs and cattrs generate theirs: fast paths, problem finders.

For each class of this package, `fast_path` writes one function that takes a decoded JSON object and
returns the instance when the object is valid, reading each field's key with its rule's test, or
`None` at the first doubt. `verdict` writes the same function without the building: it says that a
decoded object is valid, and lists its unknown keys, without making an object. `finder` writes, for
any model class, the function that reports every problem of an object in one pass, with the same
tests, and lists the unknown keys it meets to a sink that asks for them.
The instance is built without its ``__init__``: the generated tests are the validators' own rules,
applied once. A response and a status code given to the function are attached in the same step.
"""

from __future__ import annotations

import linecache
from collections.abc import Callable, Sequence
from typing import Any, Final

from ._errors import ROOT, ProblemKind, Problems, format_key
from ._models import (
    APIStatusError,
    KomboAPIError,
    PostAtsCandidatesCandidateIDTagsError,
    PostAtsCandidatesCandidateIDTagsResponseBody,
)
from ._rules import QUICK_NAMES, Spec, spec_of
from ._unset import UNSET
from ._values import find_json_problems, is_json, show

__all__ = [
    "FastPath",
    "Finder",
    "Verdict",
    "fast_path",
    "find_problems",
    "finder",
    "has_fast_path",
    "verdict",
    "verdict_lines",
]

Finder = Callable[[Any, Any, Problems], None]
"""``find(obj, link, sink)``: report each problem of *obj*, found at *link*, to *sink*."""
FastPath = Callable[..., Any]
"""``fast(obj, response=None, status_code=None)``: the instance, or `None` for the general path."""
Verdict = Callable[[Any], "tuple[tuple[str, str], ...] | None"]
"""``check(obj)``: for a valid decoded object, its unknown keys as ``(JSONPath of the object, key)``
pairs (``()`` when it has none); `None` where the fast path would return `None`."""

_CLASSES: Final = (
    PostAtsCandidatesCandidateIDTagsError,
    KomboAPIError,
    PostAtsCandidatesCandidateIDTagsResponseBody,
    APIStatusError,
)
_MISSING: Final = object()
_JSON_TYPES: Final = (list, str, int, float, bool, type(None))
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
    def __init__(self, decoded: bool, fail: Sequence[str] = ("return None",)) -> None:
        self.fail = fail  # the statements of a test that fails, in `model`: "return None" in a function
        self.values: dict[str, str] = {}  # in a check: JSONPath of a field -> the variable holding it
        self.lines: list[str] = []
        self.globals: dict[str, Any] = {
            "_MISSING": _MISSING,
            "_UNSET": UNSET,
            **QUICK_NAMES,
            "_is_json": is_json,
            "_find_json": find_json_problems,
            "_show": show,
            "_object_kind": _object_kind,
            "_KIND_MISSING": ProblemKind.MISSING,
            "_KIND_NOT_JSON": ProblemKind.NOT_JSON,
            "_KIND_WRONG_VALUE": ProblemKind.WRONG_VALUE,
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

    def failing(self, indent: int) -> None:
        for line in self.fail:
            self.emit(indent, line)

    def model(self, spec: Spec, src: str, out: str, indent: int, path: str | None = None) -> None:
        """Lines that read object *src* into a new instance *out* of *spec*'s class, or return None.

        With a *path* (the JSONPath of *src*) the lines only test, as the fast path does, and build
        nothing: the unknown keys of *src* are added to ``u`` as ``(path, key)`` pairs instead.
        """
        build = path is None
        built = []  # (field name, expression of its value)
        present = []  # an expression per field: 1 when its key is in the object
        # Plain fields first: a wrong one returns before a nested instance is built for nothing.
        for f in sorted(spec.fields, key=lambda f: f.model is not None):
            var = f"{out}_{f.name}"
            if f.required:
                self.emit(indent, f"{var} = {src}.get({f.key!r}, _MISSING)")
                present.append("1")
            else:
                default = self.name("default", f.default)
                self.emit(indent, f"{var} = {src}.get({f.key!r}, {default})")
                # A default the test accepts (UNSET) needs no branch: present unless it is the default.
                present.append(f"({var} is not {default})")
            if path is not None:
                self.values[path + format_key(f.key)] = var
            if f.model is not None:
                self.emit(indent, f"if type({var}) is not dict:")
                self.failing(indent + 1)
                below = None if path is None else path + format_key(f.key)
                self.model(spec_of(f.model), var, f"{var}_m", indent, below)
                built.append((f.name, f"{var}_m"))
                continue
            rule = f.rule
            assert rule is not None
            self.emit(indent, f"v = {var}")
            if f.required or rule.accepts(f.default):
                self.emit(indent, f"if not {rule.test}:")
            else:
                self.emit(indent, f"if v is not {default} and not {rule.test}:")
            self.failing(indent + 1)
            if rule.convert is not None and build:
                self.emit(indent, f"{var} = {rule.convert}")
            built.append((f.name, var))
        extra = f"{out}_extra"
        if not build:
            keys = self.name("keys", spec.keys)
            # The values of unknown keys are tested as the fast path tests them (_is_json); a string,
            # the common case, is a JSON value without the call.
            self.emit(indent, f"if len({src}) != {' + '.join(present)}:")
            self.emit(indent + 1, f"for k in {src}:")
            self.emit(indent + 2, f"if k not in {keys}:")
            self.emit(indent + 3, f"w = {src}[k]")
            self.emit(indent + 3, "if type(w) is not str and not _is_json((w,), decoded=True):")
            self.emit(indent + 4, "u = None")
            self.emit(indent + 4, "break")
            self.emit(indent + 3, f"u += (({path!r}, k),)")
            self.emit(indent + 1, "if u is None:")
            self.failing(indent + 2)
            return
        self.emit(indent, f"if len({src}) == {' + '.join(present)}:")
        self.emit(indent + 1, f"{extra} = {{}}")
        self.emit(indent, "else:")
        # The object less its known keys, in its own order: a copy in C, then one deletion per known key.
        self.emit(indent + 1, f"{extra} = {src}.copy()")
        for f in spec.fields:
            if f.required:  # present: its test passed
                self.emit(indent + 1, f"del {extra}[{f.key!r}]")
            else:
                self.emit(indent + 1, f"{extra}.pop({f.key!r}, None)")
        if self.decoded:
            # orjson makes JSON types only: a string, the common case, needs no call.
            self.emit(indent + 1, f"for w in {extra}.values():")
            self.emit(indent + 2, "if type(w) is not str and not _is_json((w,), decoded=True):")
            self.emit(indent + 3, "return None")
        else:
            self.emit(
                indent + 1, f"if not _is_json({extra}.values()) or not all(type(k) is str for k in {extra}):"
            )
            self.emit(indent + 2, "return None")
        assert spec.catch_all is not None
        built.append((spec.catch_all, extra))
        cls = self.name("cls", spec.cls)
        new = "_exception_new" if issubclass(spec.cls, BaseException) else "_object_new"
        self.emit(indent, f"{out} = {new}({cls})")
        self.emit(indent, f"d = {out}.__dict__")
        for name, value in built:
            self.emit(indent, f"d[{name!r}] = {value}")

    def finder(self, spec: Spec) -> None:
        """Lines of ``find(o, path, sink)``: report every problem of *o* as an object of *spec*'s class.

        *path* is the JSONPath of *o* as a string; only a value below an unknown key is reached by links.
        A sink whose ``unknown`` is a list gets each unknown key of an object as ``(path, key)``.
        """
        self.emit(0, "def find(o, link, sink):")
        self.emit(1, "if type(o) is not dict:")
        self.emit(2, "sink.add(link, f'expected an object, got {_show(o)}', _object_kind(o))")
        self.emit(2, "return")
        for f in spec.fields:
            where = f"link + {format_key(f.key)!r}"  # a path string: spelled out once, here
            self.emit(1, f"v = o.get({f.key!r}, _MISSING)")
            self.emit(1, "if v is _MISSING:")
            if f.required:
                self.emit(2, f"sink.add({where}, 'required key missing', _KIND_MISSING)")
            else:
                self.emit(2, "pass")
            if f.model is not None:
                self.emit(1, "else:")
                self.emit(2, f"{self.name('find', finder(f.model, decoded=self.decoded))}(v, {where}, sink)")
            else:
                assert f.rule is not None
                self.emit(1, f"elif not {f.rule.test}:")
                self.emit(2, f"sink.add({where}, *{self.name('refusal', f.rule.refusal)}(v))")
        keys = self.name("keys", spec.keys)
        self.emit(1, f"if len(o) > {len(spec.keys)} or not o.keys() <= {keys}:")
        self.emit(2, "for k, w in o.items():")
        self.emit(3, f"if k in {keys}:")
        self.emit(4, "continue")
        self.emit(3, "if type(k) is not str:")
        self.emit(4, "sink.add(link, f'object key {_show(k)} is not a string', _KIND_NOT_JSON)")
        if spec.catch_all is None:
            self.emit(3, "else:")
            self.emit(4, "sink.add((link, k), 'unknown key', _KIND_WRONG_VALUE)")
        else:
            self.emit(3, "else:")
            self.emit(4, "if sink.unknown is not None:")
            self.emit(5, "sink.unknown.append((link, k))")
            self.emit(4, f"_find_json(w, (link, k), sink, decoded={self.decoded})")

    def compile(self, name: str, label: str) -> Any:
        source = "\n".join(self.lines) + "\n"
        filename = f"<kombo_tag_errors {label}>"
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        namespace: dict[str, Any] = {}
        exec(compile(source, filename, "exec"), self.globals, namespace)
        return namespace[name]


_finders: dict[tuple[type, bool], Finder] = {}


def finder(cls: type, *, decoded: bool = False) -> Finder:
    """The generated problem finder of model class *cls* (any, your subclasses included).

    With *decoded* it is for objects orjson made, which share no container: it does not look for any.
    """
    try:
        return _finders[cls, decoded]
    except KeyError:
        pass
    w = _Writer(decoded)
    w.finder(spec_of(cls))
    fn: Finder = w.compile("find", f"problem finder {cls.__name__}{' decoded' if decoded else ''}")
    fn.__doc__ = f"Report every problem of an object as a {cls.__name__}; generated from its fields."
    _finders[cls, decoded] = fn
    return fn


def find_problems(obj: Any, cls: type, path: str, sink: Problems, *, decoded: bool = False) -> None:
    """Report to *sink* every way *obj* (found at *path*) is not a JSON object of *cls*."""
    finder(cls, decoded=decoded)(obj, path, sink)


_verdicts: dict[type, Verdict] = {}


def verdict(cls: type) -> Verdict:
    """The generated check of *cls* (one of this package's classes) for objects orjson made.

    It is the decoded fast path without the building: the same tests, from the same rules, in the same
    order, so it declines (returns `None`) exactly where that fast path does; it returns the unknown keys
    where the fast path returns an instance.
    """
    try:
        return _verdicts[cls]
    except KeyError:
        pass
    if not has_fast_path(cls):
        raise TypeError(f"{cls.__name__} has no fast path: it is built through its __init__")
    w = _Writer(decoded=True)
    w.emit(0, "def check(o):")
    w.lines += verdict_lines(cls, ("return None",), 1, w.globals)[0]
    w.emit(1, "return u")
    fn: Verdict = w.compile("check", f"verdict {cls.__name__}")
    fn.__doc__ = f"The verdict on a decoded {cls.__name__}, generated from its fields."
    _verdicts[cls] = fn
    return fn


def verdict_lines(
    cls: type, fail: Sequence[str], indent: int, names: dict[str, Any]
) -> tuple[list[str], dict[str, str]]:
    """The body of `verdict` for code of your own: lines at *indent* that set ``u`` for the object ``o``.

    Where the verdict returns `None`, they run the statements *fail* instead (``continue`` in a loop of
    your own: they never run inside a loop of theirs); they use the variables ``u``, ``v``, ``k``,
    ``w`` and ``r_*``, and add the names they read to *names*, the globals of the code they go into.
    Also returned: the variable that holds, after them, the value of each field by its JSONPath
    (``"$.error.code"``), as decoded, or the field's default where its key is absent.
    """
    if not has_fast_path(cls):
        raise TypeError(f"{cls.__name__} has no fast path: it is built through its __init__")
    w = _Writer(decoded=True, fail=fail)
    w.emit(indent, "if type(o) is not dict:")
    w.failing(indent + 1)
    w.emit(indent, "u = ()")
    w.model(spec_of(cls), "o", "r", indent, ROOT)
    names.update(w.globals)
    return w.lines, w.values


def _object_kind(obj: Any) -> ProblemKind:
    return ProblemKind.WRONG_TYPE if type(obj) in _JSON_TYPES else ProblemKind.NOT_JSON


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
    fn: FastPath = w.compile("fast", f"fast path {cls.__name__}{' decoded' if decoded else ''}")
    fn.__doc__ = f"The fast path of {cls.__name__}, generated from its fields."
    return fn
