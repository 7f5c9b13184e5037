"""The attrs classes: construction, equality, and behaving as an exception should."""

from __future__ import annotations

import copy
import pickle
import traceback

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kombo_tag_errors import (
    UNSET,
    APIStatusError,
    ErrorCode,
    KomboAPIError,
    PostAtsCandidatesCandidateIDTagsError,
    PostAtsCandidatesCandidateIDTagsResponseBody,
    PostAtsCandidatesCandidateIDTagsStatus,
    loads,
    structure,
    unstructure,
)
from kombo_tag_errors.strategies import bodies

Body = PostAtsCandidatesCandidateIDTagsResponseBody
Error = PostAtsCandidatesCandidateIDTagsError


def test_unset_is_a_falsy_singleton() -> None:
    """UNSET is falsy, reads as UNSET, and survives pickling and copying as itself."""
    assert not UNSET
    assert repr(UNSET) == "UNSET"
    assert pickle.loads(pickle.dumps(UNSET)) is UNSET
    assert copy.copy(UNSET) is UNSET
    assert copy.deepcopy(UNSET) is UNSET


def test_built_by_hand_emits_only_what_was_given() -> None:
    """A hand-built body unstructures to its fields; explicit None is emitted, absent is not."""
    assert unstructure(Body(error=Error(message="x"))) == {"status": "error", "error": {"message": "x"}}
    assert unstructure(Body(error=Error(message="x", code=None, title=None))) == {
        "status": "error",
        "error": {"code": None, "title": None, "message": "x"},
    }


def test_status_defaults_to_error() -> None:
    """The status field defaults to ERROR and accepts the plain string."""
    assert Body(error=Error(message="x")).status is PostAtsCandidatesCandidateIDTagsStatus.ERROR
    assert Body(Error(message="x"), "error").status is PostAtsCandidatesCandidateIDTagsStatus.ERROR


def test_constructor_is_strict() -> None:
    """Hand-built objects are checked: no coercion of a wrong type, no unknown key shadowing a field."""
    with pytest.raises(TypeError):
        Error(message=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Error(message="x", code=5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown keys only"):
        Error(message="x", extra={"message": "y"})
    with pytest.raises(ValueError, match="unknown keys only"):
        Body(error=Error(message="x"), extra={"status": "y"})
    with pytest.raises(ValueError, match="status"):
        Body(error=Error(message="x"), status="oops")  # type: ignore[arg-type]


def test_known_code_becomes_member_unknown_stays_str() -> None:
    """The code field is an open enum: known strings become ErrorCode members, others stay str."""
    assert Error(message="x", code="ATS.JOB_CLOSED").code is ErrorCode.ATS_JOB_CLOSED
    code = Error(message="x", code="FUTURE.NEW_CODE").code
    assert type(code) is str
    assert code == "FUTURE.NEW_CODE"


@pytest.mark.parametrize(
    ("code", "retryable"),
    [
        ("PLATFORM.RATE_LIMIT_EXCEEDED", True),
        ("REMOTE.RATE_LIMIT_EXCEEDED", True),
        ("REMOTE.SERVICE_UNAVAILABLE", True),
        ("PLATFORM.INPUT_INVALID", False),
        ("PLATFORM.AUTHENTICATION_INVALID", False),
        ("SOMETHING.NEW", False),
        (None, False),
        (UNSET, False),
    ],
)
def test_retryable_follows_the_guide(code: object, retryable: bool) -> None:
    """Exactly the three codes the error guide calls safe to retry are retryable."""
    assert Error(message="x", code=code).retryable is retryable  # type: ignore[arg-type]


def test_extra_equality_tells_json_types_apart() -> None:
    """Unknown values compare as JSON: 1, 1.0 and true differ; key order does not matter."""

    def body(extra: dict) -> Body:  # type: ignore[type-arg]
        return Body(error=Error(message="x"), extra=extra)

    assert body({"a": 1}) != body({"a": True})
    assert body({"a": 1}) != body({"a": 1.0})
    assert body({"a": 1, "b": [1, {"c": None}]}) == body({"b": [1, {"c": None}], "a": 1})
    assert hash(body({"a": 1, "b": 2})) == hash(body({"b": 2, "a": 1}))


@given(bodies())
def test_value_equality_and_hash(body: Body) -> None:
    """Equal bodies compare and hash equal; the attached response takes no part."""
    twin = attrs.evolve(body, raw_response=object())  # type: ignore[arg-type]
    assert twin == body
    assert hash(twin) == hash(body)
    assert body != attrs.evolve(body, error=attrs.evolve(body.error, message=body.error.message + "!"))


@given(bodies())
def test_pickle_and_copy_round_trip(body: Body) -> None:
    """Bodies survive pickle, copy and deepcopy as equal objects of the same class."""
    for clone in (pickle.loads(pickle.dumps(body)), copy.copy(body), copy.deepcopy(body)):
        assert type(clone) is Body
        assert clone == body


def test_pickle_drops_response_keeps_notes() -> None:
    """Pickling leaves the response behind and keeps notes; copy.copy keeps the response."""
    response = object()
    body = Body(error=Error(message="x"), raw_response=response)  # type: ignore[arg-type]
    body.add_note("while tagging candidate 42")
    clone = pickle.loads(pickle.dumps(body))
    assert clone.raw_response is None
    assert clone.__notes__ == ["while tagging candidate 42"]
    assert copy.copy(body).raw_response is response
    assert copy.deepcopy(body).raw_response is response


def test_behaves_as_an_exception() -> None:
    """raise/except, raise-from, tracebacks and str() all work; str() is the JSON body."""
    body = loads(b'{"status":"error","error":{"message":"Invalid authorization header!"}}')

    def tag_candidate() -> None:
        try:
            raise KeyError("cause")
        except KeyError as cause:
            raise body from cause

    with pytest.raises(Body) as info:
        tag_candidate()
    assert info.value is body
    assert isinstance(body.__cause__, KeyError)
    text = "".join(traceback.format_exception(body))
    assert "The above exception was the direct cause" in text
    assert str(body) in text
    assert str(body) == '{"status":"error","error":{"message":"Invalid authorization header!"}}'


def test_add_note() -> None:
    """Notes can be added to a (frozen) body and show in the traceback."""
    body = Body(error=Error(message="x"))
    body.add_note("candidate 42")
    assert "candidate 42" in "".join(traceback.format_exception(body))


def test_repr_is_readable_and_hides_the_response() -> None:
    """repr names the fields and never shows raw_response."""
    body = Body(error=Error(message="x", code=None), raw_response="SECRET-RESPONSE")  # type: ignore[arg-type]
    text = repr(body)
    assert "message='x'" in text
    assert "code=None" in text
    assert "title=UNSET" in text
    assert "SECRET-RESPONSE" not in text
    assert "raw_response" not in text


@given(bodies(), st.sampled_from([400, 403, 404, 429, 500, 503]))
def test_api_status_error_is_a_sibling(body: Body, status: int) -> None:
    """APIStatusError shares the base and fields of the 401 body, adds status_code, and never equals it."""
    sibling = structure(unstructure(body), APIStatusError)
    assert sibling.status_code is None
    sibling = attrs.evolve(sibling, status_code=status)
    assert isinstance(sibling, KomboAPIError)
    assert not isinstance(sibling, Body)
    assert isinstance(body, KomboAPIError)
    assert body.status_code == 401
    assert (sibling.error, sibling.extra) == (body.error, body.extra)
    assert sibling != body
    assert pickle.loads(pickle.dumps(sibling)) == sibling
    assert str(sibling) == str(body)
