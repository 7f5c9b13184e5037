"""The cattrs converter: strict structure hooks and lossless unstructure hooks.

Every hook is registered in `configure_converter`, and nowhere else.
The structure hooks never coerce: a value of the wrong JSON type is an error, not a conversion.
They report every problem of a payload in one `cattrs.ClassValidationError`, each leaf carrying
cattrs' own path notes, so `cattrs.transform_error` and `problems_from` both read it.
"""

from __future__ import annotations

from typing import Any, Final

import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    IterableValidationError,
    IterableValidationNote,
)

from . import _json
from ._codes import CODES_BY_VALUE
from ._errors import Problem
from ._fast import new_body, new_error
from ._models import (
    ERROR_KEYS,
    JSON,
    KomboAPIError,
    PostAtsCandidatesCandidateIDTagsError,
    unstructure_body,
    unstructure_error,
)
from ._text import safe_repr
from ._unset import UNSET
from ._values import Path, is_plain_json, json_problems, json_type

__all__ = ["configure_converter", "make_converter", "problems_from", "structure_body", "structure_error"]

_MISSING: Final = object()
_Error = PostAtsCandidatesCandidateIDTagsError


# -- building and reading cattrs' error trees ------------------------------------------------


def _tag(exc: Exception, segment: str | int, container: type) -> Exception:
    note: str
    if isinstance(segment, int):
        note = IterableValidationNote(f"Structuring {container.__name__} @ index {segment}", segment, Any)
    else:
        note = AttributeValidationNote(
            f"Structuring {container.__name__} @ attribute {segment}", segment, Any
        )
    exc.__notes__ = [*getattr(exc, "__notes__", ()), note]
    return exc


def _nest(exc: Exception, path: Path, containers: tuple[type, ...]) -> Exception:
    """Wrap *exc* so that cattrs' notes spell *path*, innermost last, each in its container."""
    for i in range(len(path) - 1, 0, -1):
        exc = _tag(exc, path[i], containers[i])
        group = IterableValidationError if containers[i] is list else ClassValidationError
        exc = group(f"While structuring {containers[i].__name__}", [exc], containers[i])
    return _tag(exc, path[0], containers[0])


def problems_from(exc: BaseException, root: str = "$") -> list[Problem]:
    """Turn a cattrs validation error (or any exception) into `Problem` items with JSON paths."""
    out: list[Problem] = []
    _walk(exc, root, out)
    return out


def _walk(exc: BaseException, path: str, out: list[Problem]) -> None:
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        for sub in exc.exceptions:
            sub_path = path
            for note in getattr(sub, "__notes__", ()):
                if isinstance(note, AttributeValidationNote):
                    sub_path += format_key(note.name)
                elif isinstance(note, IterableValidationNote):
                    sub_path += f"[{note.index}]"
            _walk(sub, sub_path, out)
    elif isinstance(exc, KeyError):
        out.append(Problem(path, "required key missing"))
    else:
        out.append(Problem(path, str(exc)))


def format_key(key: object) -> str:
    """One JSONPath step for an object key: ``.name`` or ``["odd key"]``."""
    if isinstance(key, str) and key.isidentifier() and key.isascii():
        return f".{key}"
    return f"[{_json.encode(key).decode() if isinstance(key, str) else safe_repr(key)}]"


# -- checks ------------------------------------------------------------------------------------


def _extra_problems(
    obj: dict[Any, Any], known: frozenset[str], cls: type
) -> tuple[dict[str, JSON], list[Exception]]:
    extra: dict[str, JSON] = {}
    excs: list[Exception] = []
    for k, v in obj.items():
        if k in known:
            continue
        if type(k) is not str:
            excs.append(TypeError(f"object key {safe_repr(k)} is not a string"))
            continue
        extra[k] = v
        if type(v) is not str and v is not None and not is_plain_json(v):
            for path, containers, message in json_problems(v):
                excs.append(_nest(ValueError(message), (k, *path), (cls, *containers)))
    return extra, excs


def _optional_str(obj: dict[str, Any], key: str, excs: list[Exception]) -> Any:
    value = obj.get(key, UNSET)
    if value is UNSET or value is None or isinstance(value, str):
        return value
    excs.append(_tag(TypeError(f"expected a string or null, got {json_type(value)}"), key, _Error))
    return UNSET


def _not_object(value: object) -> TypeError:
    return TypeError(f"expected an object, got {json_type(value)}")


# -- structure hooks ---------------------------------------------------------------------------


def _common_error(obj: dict[Any, Any]) -> PostAtsCandidatesCandidateIDTagsError | None:
    """The fast path: the error when it holds known keys only, each well typed; otherwise None."""
    message = obj.get("message")
    code = obj.get("code", UNSET)
    title = obj.get("title", UNSET)
    log_url = obj.get("log_url", UNSET)
    if (
        type(message) is str
        and (type(code) is str or code is None or code is UNSET)
        and (type(title) is str or title is None or title is UNSET)
        and (type(log_url) is str or log_url is None or log_url is UNSET)
        # No other key: the object holds exactly the known keys found.
        and len(obj) == 1 + (code is not UNSET) + (title is not UNSET) + (log_url is not UNSET)
    ):
        return new_error(message, CODES_BY_VALUE.get(code, code) if code else code, title, log_url, {})
    return None


def structure_error(obj: Any, _cls: type = _Error) -> PostAtsCandidatesCandidateIDTagsError:
    """Structure the ``error`` object; raise `cattrs.ClassValidationError` listing every problem."""
    if type(obj) is not dict:
        raise ClassValidationError("While structuring error", [_not_object(obj)], _Error)
    return _common_error(obj) or _structure_error_slow(obj)


def _structure_error_slow(obj: dict[Any, Any]) -> PostAtsCandidatesCandidateIDTagsError:
    excs: list[Exception] = []
    message = obj.get("message", _MISSING)
    if message is _MISSING:
        excs.append(_tag(KeyError("message"), "message", _Error))
    elif not isinstance(message, str):
        excs.append(_tag(TypeError(f"expected a string, got {json_type(message)}"), "message", _Error))
    code = _optional_str(obj, "code", excs)
    title = _optional_str(obj, "title", excs)
    log_url = _optional_str(obj, "log_url", excs)
    extra, extra_excs = _extra_problems(obj, ERROR_KEYS, _Error)
    excs += extra_excs
    if excs:
        raise ClassValidationError("While structuring error", excs, _Error)
    if isinstance(code, str):
        code = CODES_BY_VALUE.get(str(code), str(code))
    return new_error(str(message), code, title, log_url, extra)


def structure_body(obj: Any, cls: type[KomboAPIError]) -> Any:
    """Structure an error body into *cls*; raise `cattrs.ClassValidationError` listing every problem."""
    if type(obj) is dict and len(obj) == 2:
        # The fast path: "status" and "error" only, the error of a common shape.
        status = obj.get("status")
        raw_error = obj.get("error")
        if status == "error" and type(status) is str and type(raw_error) is dict:
            error = _common_error(raw_error)
            if error is not None:
                return new_body(cls, error, {})
    # The slow path finds every problem, each at its path.
    return _structure_body_slow(obj, cls)


def _structure_body_slow(obj: Any, cls: type[KomboAPIError]) -> Any:
    if not isinstance(obj, dict):
        raise ClassValidationError(f"While structuring {cls.__name__}", [_not_object(obj)], cls)
    excs: list[Exception] = []
    status = obj.get("status", _MISSING)
    if status is _MISSING:
        excs.append(_tag(KeyError("status"), "status", cls))
    elif not (isinstance(status, str) and status == "error"):
        excs.append(_tag(ValueError(f'expected "error", got {safe_repr(status)}'), "status", cls))
    error: Any = _MISSING
    raw_error = obj.get("error", _MISSING)
    if raw_error is _MISSING:
        excs.append(_tag(KeyError("error"), "error", cls))
    else:
        try:
            error = structure_error(raw_error)
        except ClassValidationError as e:
            excs.append(_tag(e, "error", cls))
    extra, extra_excs = _extra_problems(obj, frozenset({"status", "error"}), cls)
    excs += extra_excs
    if excs:
        raise ClassValidationError(f"While structuring {cls.__name__}", excs, cls)
    return new_body(cls, error, extra)


# -- unstructure and the converter ---------------------------------------------------------------


def _is_api_error(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, KomboAPIError)


def configure_converter(converter: cattrs.Converter) -> None:
    """Register this package's hooks on *converter* (any `cattrs.Converter`)."""
    converter.register_structure_hook(_Error, structure_error)
    converter.register_unstructure_hook(_Error, unstructure_error)
    converter.register_structure_hook_func(_is_api_error, structure_body)
    converter.register_unstructure_hook_func(_is_api_error, unstructure_body)


def make_converter() -> cattrs.Converter:
    """A new `cattrs.Converter` with this package's hooks, for users who register more on it."""
    converter = cattrs.Converter()
    configure_converter(converter)
    return converter
