#!/usr/bin/env bash
# Starts the action server (supervised: restarted if it dies) and the Rasa server (REST + socketio);
# Ctrl-C stops both. A damaged conversation file stops Rasa at start with one line (tracker_stores/).
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED=false
# Conversation and audit databases and timeline pictures hold clinical data: owner-only files.
umask 077
RASA_PORT="${RASA_PORT:-5005}"
ACTIONS_PORT="${ACTIONS_PORT:-5055}"
if [ ! -f models/imnm.tar.gz ]; then echo "run: no trained model; run 'make train'" >&2; exit 1; fi
endpoints=endpoints.yml
if [ -n "${TRACKER_DB_HOST:-}" ]; then
  .venv/bin/python -m scripts.check_tracker_db || exit 1
  export ACTION_ENDPOINT_URL="${ACTION_ENDPOINT_URL:-http://localhost:$ACTIONS_PORT/webhook}"
  endpoints=endpoints.postgres.yml
  [ -n "${REDIS_HOST:-}" ] && endpoints=endpoints.cluster.yml && export REDIS_PORT="${REDIS_PORT:-6379}"
fi
if [ "$endpoints" = endpoints.yml ] && [ "$ACTIONS_PORT" != 5055 ]; then
  # endpoints.yml names the default action port; a custom one gets its own copy of the file.
  mkdir -p .run
  sed "s#localhost:5055/#localhost:$ACTIONS_PORT/#" endpoints.yml > .run/endpoints.yml
  endpoints=.run/endpoints.yml
fi
# Each REST call carries a bearer token naming its conversation (scripts/rest_token.py); the key is kept
# across restarts so that tokens already handed out stay valid.
REST_KEY_FILE="${IMNM_REST_KEY_FILE:-.run/rest-jwt-key}"
if [ -z "${IMNM_REST_JWT_KEY:-}" ]; then
  mkdir -p "$(dirname "$REST_KEY_FILE")"
  [ -s "$REST_KEY_FILE" ] || .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(32))' > "$REST_KEY_FILE"
  chmod 600 "$REST_KEY_FILE"
  IMNM_REST_JWT_KEY="$(cat "$REST_KEY_FILE")"
fi
export IMNM_REST_JWT_KEY
pids=()
cleanup() { trap - INT TERM EXIT; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; echo "run: stopped"; }
# Ctrl-C or a stop request is a normal end (exit 0); a server that dies on its own is not.
trap 'cleanup; exit 0' INT TERM
trap cleanup EXIT
# Only this Rasa server may call the action server: a shared secret, and loopback unless ACTIONS_HOST says otherwise.
IMNM_ACTIONS_TOKEN="${IMNM_ACTIONS_TOKEN:-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(32))')}"
export IMNM_ACTIONS_TOKEN
# The action server is supervised: if it dies it is started again, and Rasa keeps answering meanwhile
# (with the "saved, try again in a minute" notice), so no channel ever refuses a connection.
supervise_actions() {
  local child=""
  trap '[ -n "$child" ] && kill "$child" 2>/dev/null; wait 2>/dev/null; exit 0' INT TERM
  while true; do
    # The action server needs no REST key: only the Rasa server checks tokens.
    env -u IMNM_REST_JWT_KEY SANIC_HOST="${ACTIONS_HOST:-127.0.0.1}" \
      .venv/bin/rasa run actions --port "$ACTIONS_PORT" --actions actions &
    child=$!
    wait "$child" && status=0 || status=$?
    echo "run: the action server stopped (exit $status); starting it again in 2 s" >&2
    sleep 2 & wait $!
  done
}
supervise_actions &
pids+=($!)
auth=()
if [ -n "${RASA_AUTH_TOKEN:-}" ]; then auth=(--enable-api --auth-token "$RASA_AUTH_TOKEN"); fi
.venv/bin/rasa run -m models/imnm.tar.gz --endpoints "$endpoints" --port "$RASA_PORT" --cors "${CORS_ORIGINS:-http://localhost:$RASA_PORT}" "${auth[@]}" &
pids+=($!)
until curl -s -m 2 "http://localhost:$RASA_PORT/" >/dev/null 2>&1; do sleep 0.5; done
cat <<MSG

IMNM assistant is running.
  REST:   TOKEN=\$(.venv/bin/python -m scripts.rest_token me)
          curl -s -X POST http://localhost:$RASA_PORT/webhooks/rest/webhook \\
            -H 'Content-Type: application/json' -H "Authorization: Bearer \$TOKEN" \\
            -d '{"message":"70 kg, anti-HMGCR positive, moderate weakness, on atorvastatin"}'
  Web chat (clinician):  http://localhost:$RASA_PORT/webhooks/web/
  Web chat (patient):    http://localhost:$RASA_PORT/webhooks/web/patient
  Ctrl-C stops both servers.
MSG
status=0
wait -n "${pids[@]}" || status=$?
echo "run: a server stopped unexpectedly (exit $status); see the output above" >&2
exit "$status"
