#!/usr/bin/env bash
# Creates .venv/ from requirements/lock.txt (Python 3.11) or lock-py310.txt (Python 3.10). Idempotent: does nothing when the lock is unchanged.
# Rasa 3.6.21 declares Python <3.11 but runs on 3.11 with this lock (README, "Install").
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-}"
if [ -z "$PYTHON" ]; then
  for candidate in python3.11 python3.10 python3; do
    if command -v "$candidate" >/dev/null 2>&1; then PYTHON="$candidate"; break; fi
  done
fi
version=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
case "$version" in
  3.10|3.11) ;;
  *) echo "install: Python 3.10 or 3.11 is needed (found $version at $PYTHON); set PYTHON=..." >&2; exit 1 ;;
esac
lock=requirements/lock.txt
[ "$version" = "3.10" ] && lock=requirements/lock-py310.txt
stamp=.venv/.lock-installed
want=$( (sha256sum "$lock"; echo "$version") | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x .venv/bin/rasa ]; then
  exit 0
fi
echo "install: creating .venv with Python $version from $lock (a few minutes the first time)"
if [ -x .venv/bin/python ] && [ "$(.venv/bin/python -c 'import sys; print("%d.%d" % sys.version_info[:2])')" != "$version" ]; then
  rm -rf .venv
fi
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check pip==23.2.1
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps \
  --ignore-requires-python -r "$lock"
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
echo "$want" > "$stamp"
echo "install: done"
