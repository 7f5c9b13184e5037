"""The ``kombo-tag-errors`` command: one subcommand a module, registered in `_COMMANDS`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import _check, _parse, _schema

__all__ = ["main"]

_COMMANDS = (_parse, _check, _schema)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="kombo-tag-errors",
        description="Check and read captured 401 bodies of Kombo's POST /ats/candidates/{candidate_id}/tags.",
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in _COMMANDS:
        command.register(subparsers)
    return parser


class _Version(argparse.Action):
    """``--version``: the installed version, read only when asked for (it costs an import)."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from importlib.metadata import version

        print(f"{parser.prog} {version('kombo-tag-errors')}")
        parser.exit()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 valid, 1 invalid, 2 usage or I/O error)."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as Unix tools do.
        sys.stderr.close()
        return 1
