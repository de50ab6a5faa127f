"""`python -m iurc_desktop`: the command line (with no command, the window).

The import is absolute so that PyInstaller can run this file as its top-level script.
"""

from __future__ import annotations

from iurc_desktop.cli import main

raise SystemExit(main())
