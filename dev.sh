#!/usr/bin/env bash
# One entry point that sets everything up on a fresh Debian 12 machine, then acts:
#   ./dev.sh app [ARGS...]   open Tonewell (with the bundled soundfont)
#   ./dev.sh test [PYTEST ARGS...]   run ruff, the import contracts and the whole test suite
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")"

# FluidSynth, and what Qt's wheels need from the system on a minimal Debian 12 (X11/xcb, GL,
# fonts: a bare image has no font at all, and Qt then draws no text).
APP_DEBS=(libfluidsynth3 fluidsynth
  libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0 libx11-xcb1 libxcb-image0
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-sync1 libxcb-xfixes0 libxcb-xkb1
  libglib2.0-0 libegl1 libgl1 libfontconfig1 libdbus-1-3 fonts-dejavu-core)
# jackd2: real MIDI/audio ports for the JACK tests; poppler-utils: pdftotext reads the PDF report back.
TEST_DEBS=(jackd2 poppler-utils)

say() { printf 'tonewell setup: %s\n' "$*" >&2; }

missing_debs() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
  done
}

ensure_debs() {
  command -v dpkg-query >/dev/null || { say "not a Debian system; please install: $*"; return 0; }
  local need
  mapfile -t need < <(missing_debs "$@")
  [[ ${#need[@]} -eq 0 ]] && return 0
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null && { sudo -n true 2>/dev/null || [[ -t 0 ]]; }; then
      sudo=(sudo)
    else
      say "these Debian packages are needed but I am not root and cannot use sudo: ${need[*]}"
      say "please run: sudo apt-get install --no-install-recommends ${need[*]}"
      exit 1
    fi
  fi
  say "installing Debian packages: ${need[*]}"
  echo "jackd2 jackd/tweak_rt_limits boolean false" | "${sudo[@]}" debconf-set-selections 2>/dev/null || true
  if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null 2>&1; then
    "${sudo[@]}" apt-get update -q >/dev/null
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
  fi
}

find_python() {
  local py
  for py in python3.11 python3.12 python3.13 python3; do
    if command -v "$py" >/dev/null && "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      echo "$py"; return 0
    fi
  done
  return 1
}

ensure_venv() {
  local py
  if ! py=$(find_python); then
    ensure_debs python3 python3-venv
    py=$(find_python) || { say "Tonewell needs Python 3.11 or newer"; exit 1; }
  fi
  if ! "$py" -c 'import ensurepip, venv' 2>/dev/null; then
    ensure_debs python3-venv
  fi
  if [[ ! -x .venv/bin/python ]]; then
    say "creating the virtual environment in .venv"
    "$py" -m venv .venv
  fi
  local stamp=.venv/.tonewell-installed want
  want=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
  if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
    say "installing Python packages (pinned in pyproject.toml)"
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
    .venv/bin/python -m pip install -q -e '.[dev]'
    echo "$want" > "$stamp"
  fi
}

cmd=${1:-app}; shift || true
case "$cmd" in
  app)
    ensure_debs "${APP_DEBS[@]}"
    ensure_venv
    exec .venv/bin/tonewell "$@"
    ;;
  test)
    ensure_debs "${APP_DEBS[@]}" "${TEST_DEBS[@]}"
    ensure_venv
    .venv/bin/ruff check src tests benchmarks
    .venv/bin/lint-imports
    exec .venv/bin/python -m pytest "$@"
    ;;
  *)
    echo "usage: ./dev.sh app [ARGS...] | ./dev.sh test [PYTEST ARGS...]" >&2; exit 2 ;;
esac
