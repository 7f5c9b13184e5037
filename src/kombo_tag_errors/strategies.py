"""Hypothesis strategies for error bodies and whole responses, for property tests in your own suite.

Install with the ``[hypothesis]`` extra.
With the package installed, hypothesis registers `bodies`, `errors` and `api_errors` for
``st.from_type`` when it starts (the ``hypothesis`` entry point): ``st.from_type(APIStatusError)``
and ``st.builds`` of your own classes holding a body work without importing this module.
Every strategy shrinks towards the plainest example: empty strings, no unknown keys, compact JSON.

>>> from hypothesis import given
>>> import kombo_tag_errors as kte
>>> @given(payloads())
... def test_every_401_is_read(payload):
...     assert kte.loads(kte.dumps(kte.structure(payload))) == kte.structure(payload)
>>> test_every_401_is_read()
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401
except ImportError as _missing:  # pragma: no cover - tested in a subprocess
    raise ImportError(
        "kombo_tag_errors.strategies needs hypothesis: pip install 'kombo-tag-errors[hypothesis]'"
    ) from _missing

from ._hypothesis import register
from ._st_bodies import (
    BODY_KEYS,
    ERROR_KEYS,
    Shape,
    bodies,
    encodings,
    errors,
    invalid_payloads,
    json_values,
    payload_bytes,
    payloads,
)
from ._st_http import Kind, api_errors, responses

__all__ = [
    "BODY_KEYS",
    "ERROR_KEYS",
    "Kind",
    "Shape",
    "api_errors",
    "bodies",
    "encodings",
    "errors",
    "invalid_payloads",
    "json_values",
    "payload_bytes",
    "payloads",
    "responses",
]

register()  # for a hypothesis started with HYPOTHESIS_NO_PLUGINS, or a package not installed
