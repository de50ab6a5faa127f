"""Entry point of the PyInstaller bundle: the same as `python -m iurc_desktop`.

PyInstaller runs its entry as a top-level script, where the package's own
`__main__.py` (a relative import) cannot run; this absolute import can.
"""

from __future__ import annotations

from iurc_desktop.cli import main

raise SystemExit(main())
