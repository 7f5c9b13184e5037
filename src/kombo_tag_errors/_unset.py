"""The `UNSET` sentinel: a key that was absent from the payload."""

from __future__ import annotations

import enum
from typing import Final, Literal

__all__ = ["UNSET", "UnsetType"]


class UnsetType(enum.Enum):
    """The type of `UNSET`; its only member is `UNSET` itself.

    An enum member is a true singleton: it pickles, copies and deep-copies as itself.
    """

    UNSET = "UNSET"

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"

    __str__ = __repr__


UNSET: Final = UnsetType.UNSET
"""The key was absent from the payload (as opposed to present with a JSON ``null``, which is `None`)."""
