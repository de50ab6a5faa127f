#!/usr/bin/env bash
# Set up (see setup.sh), create or upgrade the local database, load the demo
# programme (idempotent) and open the app. Extra arguments are global options
# of iurc-desktop (e.g. --db URL) and apply to all three steps.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP="$ROOT/.venv/bin/iurc-desktop"
bash "$ROOT/scripts/setup.sh"

if [[ "$(uname -s)" == Linux && -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" && -z "${QT_QPA_PLATFORM:-}" ]]; then
  echo "[run-app] No display found (DISPLAY and WAYLAND_DISPLAY are empty)." >&2
  echo "[run-app] Run this from a desktop session, or headless with: xvfb-run -a bash scripts/run-app.sh" >&2
  exit 1
fi

"$APP" "$@" init
"$APP" "$@" demo
exec "$APP" "$@"
