#!/usr/bin/env bash
# Re-resolves requirements/*.in into requirements/lock.txt (run on Python 3.11, then check 3.10).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
python3.11 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install -q -r requirements/rasa-deps.in -r requirements/project.in
"$tmp/venv/bin/pip" install -q --no-deps --ignore-requires-python -r requirements/rasa.in
{ sed -n '1,3p' requirements/lock.txt
  "$tmp/venv/bin/pip" freeze --all | grep -viE '^(pip|imnm)[= ]' | sort -f
  cat requirements/py310-only.txt; } > requirements/lock.new
mv requirements/lock.new requirements/lock.txt
rm -rf "$tmp"
