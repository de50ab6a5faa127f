#!/usr/bin/env bash
# Set up IURC Desktop in this checkout: the Debian/Ubuntu libraries Qt needs for a
# real window and a CJK font, a .venv with Python >= 3.11, and the package with its
# test extra. Safe to run again: it only does what is still missing.
#
# Environment: PYTHON=python3.12 picks the interpreter; IURC_SKIP_APT=1 skips the
# system packages; IURC_SETUP_FORCE=1 reinstalls the Python packages.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
STAMP="$VENV/.iurc-setup-stamp"

# Qt's xcb platform plugin and its dependencies, so a real window opens on a bare
# Debian/Ubuntu; the fonts make Japanese, Korean, Chinese, Thai and Indian-script names render.
SYSTEM_PACKAGES=(
  libglib2.0-0 libegl1 libgl1 libx11-6 libxkbcommon0 libxkbcommon-x11-0
  libfontconfig1 libfreetype6 libdbus-1-3
  libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-randr0 libxcb-xfixes0 libxcb-xinerama0
  fonts-wqy-microhei
  fonts-tlwg-loma fonts-lohit-beng-bengali fonts-lohit-deva fonts-lohit-taml
  libical3  # not for the app: the tests read every calendar export with libical too (tests/exchange/ics_readers.py)
)

say() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

find_python() {
  local candidate
  for candidate in ${PYTHON:-} python3 python3.13 python3.12 python3.11; do
    if command -v "$candidate" >/dev/null 2>&1 \
      && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

is_installed() {
  dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed'
}

has_candidate() {
  local candidate
  candidate="$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')"
  [[ -n "$candidate" && "$candidate" != "(none)" ]]
}

as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    return 1
  fi
}

install_system_packages() {
  if [[ "${IURC_SKIP_APT:-}" == 1 ]]; then
    say "IURC_SKIP_APT=1: not checking system packages."
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg >/dev/null 2>&1; then
    say "Not a Debian/Ubuntu system: install Qt's xcb libraries and a CJK font yourself if the window does not open."
    return 0
  fi
  local wanted=("${SYSTEM_PACKAGES[@]}")
  # Debian's python3 lacks venv/ensurepip until python3-venv is installed.
  if ! command -v python3 >/dev/null 2>&1; then
    wanted+=(python3 python3-venv)
  elif ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
    wanted+=(python3-venv)
  fi
  local missing=() package
  for package in "${wanted[@]}"; do
    is_installed "$package" || missing+=("$package")
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    say "System packages already installed."
    return 0
  fi
  if [[ "$(id -u)" -ne 0 ]] && ! command -v sudo >/dev/null 2>&1; then
    say "Missing system packages and no root rights (no sudo): ${missing[*]}"
    say "Ask an administrator to run: apt-get install ${missing[*]}"
    return 0
  fi
  say "Installing system packages: ${missing[*]}"
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq; then
    say "apt-get update failed; trying with the package lists already on this machine."
  fi
  local available=()
  for package in "${missing[@]}"; do
    if has_candidate "$package"; then
      available+=("$package")
    else
      say "Package $package is not available from this system's sources; skipping it."
    fi
  done
  if [[ ${#available[@]} -gt 0 ]]; then
    local log
    log="$(mktemp)"
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${available[@]}" >"$log" 2>&1; then
      tail -n 20 "$log" >&2
      say "apt-get install failed for: ${available[*]} (the app may not open a window)."
    fi
    rm -f "$log"
  fi
}

make_venv() {
  if [[ -x "$VENV/bin/python" ]] && "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    return 0
  fi
  local python
  python="$(find_python)" || die "Python 3.11 or newer is needed (found: $(python3 --version 2>&1 || echo 'no python3')). Install it (Debian/Ubuntu: apt-get install python3 python3-venv) or set PYTHON=/path/to/python3.11."
  if [[ -e "$VENV" ]]; then
    say "Replacing $VENV: its Python is missing or older than 3.11."
    rm -rf "$VENV"
  fi
  say "Creating $VENV with $python ($("$python" --version 2>&1))"
  "$python" -m venv "$VENV" || die "Could not create the virtual environment. On Debian/Ubuntu: apt-get install python3-venv"
}

install_python_packages() {
  # Reinstall only when pyproject.toml changed since the last successful install.
  local wanted
  wanted="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
  if [[ "${IURC_SETUP_FORCE:-}" != 1 && -f "$STAMP" && "$(cat "$STAMP")" == "$wanted" ]] \
    && "$VENV/bin/python" -c 'import iurc_desktop, pytest' >/dev/null 2>&1; then
    say "Python packages already installed."
    return 0
  fi
  say "Installing IURC Desktop and its test tools into $VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$ROOT[test]"
  printf '%s\n' "$wanted" >"$STAMP"
}

install_system_packages
make_venv
install_python_packages
say "Ready: $VENV"
