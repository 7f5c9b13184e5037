"""The ``hypothesis`` entry point: registers the strategies for ``st.from_type`` when hypothesis starts.

Declared in ``pyproject.toml`` (``[project.entry-points.hypothesis]``): hypothesis calls
`_hypothesis_setup_hook` once, on its own import, in any environment where this package is installed.
Hypothesis is already imported then; the strategies themselves are built on first use, so the hook costs
an import of this package and four registrations.
"""

from __future__ import annotations

from typing import Any

__all__ = ["_hypothesis_setup_hook", "register"]


def _resolve(name: str, **kwargs: Any) -> Any:
    def resolve(_type: type) -> Any:
        from . import _st_bodies, _st_http

        return getattr(_st_bodies if hasattr(_st_bodies, name) else _st_http, name)(**kwargs)

    return resolve


def register() -> None:
    """Register the strategies of the body classes with hypothesis' ``st.from_type``."""
    from hypothesis import strategies as st

    from ._models import (
        APIStatusError,
        KomboAPIError,
        PostAtsCandidatesCandidateIDTagsError,
        PostAtsCandidatesCandidateIDTagsResponseBody,
    )
    from ._statuses import ERROR_STATUSES

    st.register_type_strategy(PostAtsCandidatesCandidateIDTagsResponseBody, _resolve("bodies"))
    st.register_type_strategy(PostAtsCandidatesCandidateIDTagsError, _resolve("errors"))
    st.register_type_strategy(KomboAPIError, _resolve("api_errors"))
    st.register_type_strategy(
        APIStatusError, _resolve("api_errors", statuses=[s for s in ERROR_STATUSES if s != 401])
    )


def _hypothesis_setup_hook() -> None:
    """Called by hypothesis on its import, through the entry point."""
    register()
