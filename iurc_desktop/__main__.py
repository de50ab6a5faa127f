"""`python -m iurc_desktop`: the command line (with no command, the window)."""

from __future__ import annotations

from .cli import main

raise SystemExit(main())
