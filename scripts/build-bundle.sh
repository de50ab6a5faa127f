#!/usr/bin/env bash
# Build the one-folder bundle dist/iurc-desktop/ with PyInstaller (see build.spec).
# Run it afterwards: dist/iurc-desktop/iurc-desktop [--db URL] [COMMAND ...]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
if ! .venv/bin/python -c 'import PyInstaller' >/dev/null 2>&1; then
  echo "[bundle] Installing PyInstaller into .venv" >&2
  .venv/bin/python -m pip install --quiet --disable-pip-version-check "pyinstaller>=6,<7"
fi
start=$SECONDS
.venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN build.spec
echo "[bundle] Built dist/iurc-desktop in $((SECONDS - start)) s ($(du -sh dist/iurc-desktop | cut -f1))." >&2
echo "[bundle] Try it: dist/iurc-desktop/iurc-desktop --db sqlite:////tmp/iurc-bundle.db init" >&2
