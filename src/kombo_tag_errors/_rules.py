"""The one declaration of a valid body: each field's type names a `Rule`, and a class's fields its `Spec`.

The attrs classes are the source of truth. A field's annotation (``str | UnsetType | None``) picks its
rule here; the rule gives the attrs validator and converter, the cattrs leaf hook, the one-pass
problem finder, the quick test of the generated fast path and the JSON Schema.
A class's `Spec`, read from `attrs.fields`, gives the JSON keys, which of them are required, and
which field keeps the unknown keys (``extra``).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from math import isfinite
from typing import Any, Final

import attrs

from ._codes import CODES_BY_VALUE, ErrorCode, PostAtsCandidatesCandidateIDTagsStatus
from ._errors import ProblemKind
from ._unset import UNSET, UnsetType
from ._values import JSON, MAX_INT, is_json, show

__all__ = [
    "CATCH_ALL",
    "QUICK_NAMES",
    "REQUIRED_KEY",
    "TRANSIENT",
    "FieldSpec",
    "Rule",
    "Spec",
    "is_model",
    "rule_for",
    "spec_of",
]

TRANSIENT: Final = "kombo_tag_errors.transient"
"""Field metadata: the field is not part of the JSON body (``raw_response``, ``status_code``)."""
REQUIRED_KEY: Final = "kombo_tag_errors.required_key"
"""Field metadata: the key must be in the JSON object although the constructor has a default (``status``)."""
CATCH_ALL: Final = "kombo_tag_errors.catch_all"
"""Field metadata: the field keeps the unknown keys of the object (``extra``)."""

_STATUS: Final = PostAtsCandidatesCandidateIDTagsStatus.ERROR
_MISSING: Final = object()


QUICK_NAMES: Final = {
    "_MAX_INT": MAX_INT,
    "_isfinite": isfinite,
    "_UNSET": UNSET,
    "_STATUS": _STATUS,
    "_CODES": CODES_BY_VALUE,
    "ErrorCode": ErrorCode,
    "_is_json": is_json,
}
"""The names the rules' expressions use, for the code generated from them."""


def _compile(expr: str) -> Callable[[Any], Any]:
    return eval(f"lambda v: {expr}", QUICK_NAMES)  # type: ignore[no-any-return]


@attrs.frozen
class Rule:
    """What a field of one type accepts, stated once as Python expressions over a value ``v``.

    *test* is true for the values the field accepts; *convert* (when there is one) turns an accepted
    value into the field's value; both are compiled here and written as they are into the generated
    fast path. *expected* names the accepted values in messages; a refused value of type *base* is a
    wrong value, any other a wrong type. *schema* is the JSON Schema of the accepted values.
    """

    type: Any
    test: str
    expected: str
    base: type
    schema: dict[str, Any]
    convert: str | None = None
    accepts: Callable[[Any], Any] = attrs.field(init=False, eq=False, repr=False)
    converter: Callable[[Any], Any] | None = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "accepts", _compile(self.test))
        converter = None if self.convert is None else _compile(f"({self.convert}) if ({self.test}) else v")
        object.__setattr__(self, "converter", converter)

    def check(self, value: Any) -> tuple[str, ProblemKind] | None:
        """``(message, kind)`` for a value the field refuses, `None` for one it accepts."""
        if self.accepts(value):
            return None
        return self.refusal(value)

    def refusal(self, value: Any) -> tuple[str, ProblemKind]:
        """``(message, kind)`` for *value*, which the caller found the field refuses (its test is false)."""
        kind = ProblemKind.WRONG_VALUE if type(value) is self.base else ProblemKind.WRONG_TYPE
        return f"expected {self.expected}, got {show(value)}", kind

    def validator(self, _inst: object, attr: attrs.Attribute[Any], value: Any) -> None:
        """The attrs validator: raise `TypeError` or `ValueError` naming the field."""
        problem = self.check(value)
        if problem is not None:
            message, kind = problem
            raise (TypeError if kind is ProblemKind.WRONG_TYPE else ValueError)(f"{attr.name}: {message}")

    def structure(self, value: Any, _type: Any) -> Any:
        """The cattrs structure hook: nothing coerced; refused values raise `TypeError` or `ValueError`."""
        problem = self.check(value)
        if problem is not None:
            message, kind = problem
            raise (TypeError if kind is ProblemKind.WRONG_TYPE else ValueError)(message)
        return value if self.converter is None else self.converter(value)


# -- the leaves: one JSON type each, and the values around them (null, absent) -------------------

_LEAVES: Final[dict[Any, tuple[str, str, type, dict[str, Any]]]] = {
    str: ("type(v) is str", "a string", str, {"type": "string"}),
    int: ("(type(v) is int and -_MAX_INT <= v <= _MAX_INT)", "an integer", int, {"type": "integer"}),
    bool: ("type(v) is bool", "a boolean", bool, {"type": "boolean"}),
    float: ("(type(v) is float and _isfinite(v))", "a finite number", float, {"type": "number"}),
    ErrorCode: ("(type(v) is str or type(v) is ErrorCode)", "a string", str, {"type": "string"}),
}


# A code's string becomes its member; anything else the test accepts (a member, null, UNSET) is kept as it is,
# without hashing it (an enum member hashes in Python code).
_CODE_CONVERT: Final = "_CODES.get(v, v) if type(v) is str else v"


def _leaf_rule(tp: Any, leaf: Any, nullable: bool, unsettable: bool) -> Rule:
    test, expected, base, schema = _LEAVES[leaf]
    test = " or ".join([test] + ["v is None"] * nullable + ["v is _UNSET"] * unsettable)
    if nullable:
        expected += " or null"
        schema = {"type": [schema["type"], "null"]}
    return Rule(tp, f"({test})", expected, base, schema, _CODE_CONVERT if leaf is ErrorCode else None)


_RULES: dict[Any, Rule] = {
    PostAtsCandidatesCandidateIDTagsStatus: Rule(
        PostAtsCandidatesCandidateIDTagsStatus,
        '(v is _STATUS or (type(v) is str and v == "error"))',
        '"error"',
        str,
        {"const": "error"},
        "_STATUS",
    ),
    dict[str, JSON]: Rule(
        dict[str, JSON],
        "(type(v) is dict and _is_json((v,)))",
        "an object of JSON values",
        dict,
        {"type": "object"},
    ),
    JSON: Rule(JSON, "_is_json((v,))", "a JSON value", object, {}),
}


def rule_for(tp: Any) -> Rule | None:
    """The rule of a field annotated *tp*, or `None` when this package has none for it."""
    try:
        return _RULES[tp]
    except KeyError:
        pass
    except TypeError:  # an unhashable annotation
        return None
    args = (
        set(typing.get_args(tp))
        if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union
        else {tp}
    )
    nullable = type(None) in args
    unsettable = UnsetType in args
    leaves = args - {type(None), UnsetType}
    if leaves == {ErrorCode, str}:
        leaves = {ErrorCode}  # the open code: a known member or any other string
    if len(leaves) != 1 or next(iter(leaves)) not in _LEAVES:
        return None
    _RULES[tp] = rule = _leaf_rule(tp, leaves.pop(), nullable, unsettable)
    return rule


# -- a class's fields ----------------------------------------------------------------------------


@attrs.frozen
class FieldSpec:
    """One JSON key of a class: the attrs field it fills, and its rule or nested class."""

    name: str
    key: str
    alias: str
    required: bool
    default: Any
    rule: Rule | None
    model: type | None


@attrs.frozen
class Spec:
    """What a class reads from a JSON object."""

    cls: type
    fields: tuple[FieldSpec, ...]
    keys: frozenset[str]
    catch_all: str | None


_specs: dict[type, Spec] = {}


def is_model(tp: Any) -> bool:
    """Whether *tp* is an attrs class this package structures (one with a catch-all field)."""
    return isinstance(tp, type) and attrs.has(tp) and any(a.metadata.get(CATCH_ALL) for a in attrs.fields(tp))


def spec_of(cls: type) -> Spec:
    """The `Spec` of attrs class *cls*; `TypeError` naming the field this package cannot structure."""
    try:
        return _specs[cls]
    except KeyError:
        pass
    fields = [a for a in attrs.fields(cls) if not a.metadata.get(TRANSIENT)]
    types_ = {a.name: a.type for a in fields}
    if any(isinstance(t, str) for t in types_.values()):
        hints = typing.get_type_hints(cls)
        types_ = {name: hints.get(name, t) for name, t in types_.items()}
    out = []
    catch_all = None
    for a in fields:
        if a.metadata.get(CATCH_ALL):
            catch_all = a.name
            continue
        if not a.init:
            continue
        tp = types_[a.name]
        model = tp if is_model(tp) else None
        rule = None if model else rule_for(tp)
        if model is None and rule is None:
            raise TypeError(
                f"{cls.__name__}.{a.name}: kombo_tag_errors cannot structure a field of type {tp!r} "
                "(str, int, float, bool, JSON, dict[str, JSON], each with None or UnsetType, "
                "or a nested body "
                "class); mark it with metadata={kombo_tag_errors.TRANSIENT: True} or give it init=False"
            )
        default = a.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            raise TypeError(
                f"{cls.__name__}.{a.name}: a factory default cannot be structured; use a constant"
            )
        required = default is attrs.NOTHING or bool(a.metadata.get(REQUIRED_KEY))
        out.append(FieldSpec(a.name, a.name, a.alias or a.name, required, default, rule, model))
    spec = Spec(cls, tuple(out), frozenset(f.key for f in out), catch_all)
    _specs[cls] = spec
    return spec
