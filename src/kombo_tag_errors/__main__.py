"""``python -m kombo_tag_errors``: the command-line interface."""

from .cli import main

raise SystemExit(main())
