#!/usr/bin/env bash
# Re-resolves requirements/*.in into one lock per Python version (3.11: lock.txt, 3.10: lock-py310.txt).
# Rasa and rasa-sdk are installed without their declared deps (README, "Install").
set -euo pipefail
cd "$(dirname "$0")/.."
resolve() {  # $1 python binary, $2 lock file
  local tmp
  tmp=$(mktemp -d)
  "$1" -m venv "$tmp/venv"
  "$tmp/venv/bin/pip" install -q -r requirements/rasa-deps.in -r requirements/project.in
  "$tmp/venv/bin/pip" install -q --no-deps --ignore-requires-python -r requirements/rasa.in
  { sed -n '1,3p' "$2"
    "$tmp/venv/bin/pip" freeze --all | grep -viE '^(pip|imnm)[= ]' | sort -f; } > "$2.new"
  mv "$2.new" "$2"
  rm -rf "$tmp"
}
resolve "${PYTHON311:-python3.11}" requirements/lock.txt
resolve "${PYTHON310:-python3.10}" requirements/lock-py310.txt
