#!/usr/bin/env bash
# Installs the web widget bundle (rasa-webchat, pinned by web/package-lock.json) into web/node_modules.
# Idempotent; never fatal: without npm the REST and Slack channels still work.
set -u
cd "$(dirname "$0")/../web"
stamp=node_modules/.lock-installed
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f node_modules/rasa-webchat/lib/index.js ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "install-web: npm not found; the web widget page will not load (REST and Slack are unaffected)"
  exit 0
fi
echo "install-web: installing the rasa-webchat bundle from web/package-lock.json"
if npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/tmp/imnm-npm.log 2>&1; then
  echo "$want" > "$stamp"
else
  echo "install-web: npm ci failed (see /tmp/imnm-npm.log); the web widget page will not load"
fi
exit 0
