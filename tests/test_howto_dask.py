"""The Dask recipe of docs/howto/dask.md, run as written on Dask's local processes scheduler."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import dask.bag as dask_bag
import orjson
import pytest

from test_docs import python_blocks

PAGE = Path(__file__).resolve().parents[1] / "docs" / "howto" / "dask.md"
VALID = {"status": "error", "error": {"code": "PLATFORM.AUTHENTICATION_INVALID", "message": "m"}}


def _recipe() -> dict[str, Any]:
    """The namespace of the page's recipe block: check_files and check_captures."""
    (block,) = [b for b in python_blocks(PAGE.read_text(encoding="utf-8")) if "def check_captures" in b.code]
    namespace: dict[str, Any] = {"__name__": "docs:dask-recipe"}
    exec(compile("\n" * (block.line - 1) + block.code, str(PAGE), "exec"), namespace)
    return namespace


def _captures(folder: Path) -> list[Path]:
    """Files of every kind of line: valid, drifted, invalid, blank; plain and gzip."""
    paths = []
    for i in range(5):
        rows = [orjson.dumps(VALID)] * (10 + i)
        rows.insert(i, orjson.dumps({**VALID, f"field_{i % 2}": i, "error": {**VALID["error"], "hint": i}}))
        rows += [b'{"status":"ok"}', b"", b"{", orjson.dumps({**VALID, "error": {"code": "", "message": 1}})]
        text = b"\n".join(rows) + b"\n"
        path = folder / f"capture-{i}.jsonl{'.gz' if i % 2 else ''}"
        path.write_bytes(gzip.compress(text) if i % 2 else text)
        paths.append(path)
    return paths


@pytest.mark.parametrize("files_per_task", [1, 2, 5])
def test_recipe_equals_one_check_of_all_files(tmp_path: Path, files_per_task: int) -> None:
    """The merged summaries of the Dask tasks are the summary `check` prints for all the files at once."""
    paths = _captures(tmp_path)
    summary = _recipe()["check_captures"](str(tmp_path / "capture-*"), files_per_task=files_per_task)
    result = subprocess.run(
        [sys.executable, "-m", "kombo_tag_errors", "check", "--format", "json", *map(str, paths)],
        capture_output=True,
        check=False,
    )
    expected = json.loads(result.stdout.splitlines()[-1])["summary"]
    for key in expected["unknown_keys"]:
        key["first_seen"]["source"] = Path(key["first_seen"]["source"]).as_uri()  # fsspec's full names
    assert summary.as_json() == expected
    assert summary.unknown_keys["$.field_0"].line == 1  # capture-0.jsonl, line 1


def test_the_tasks_run_in_other_processes() -> None:
    """The scheduler the recipe names runs its tasks in worker processes, not in this one."""
    pids = (
        dask_bag.from_sequence(range(4), npartitions=4)
        .map(lambda _: os.getpid())
        .compute(scheduler="processes")
    )
    assert os.getpid() not in pids
