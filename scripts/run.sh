#!/usr/bin/env bash
# Starts the action server and the Rasa server together; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
RASA_PORT="${RASA_PORT:-5005}"
ACTION_PORT="${ACTION_PORT:-5055}"
export RASA_PORT ACTION_PORT TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
MODEL="${MODEL:-models/pm-career.tar.gz}"
mkdir -p var
# Conversations in var/conversations.db, or PostgreSQL / a Redis lock store when DB_URL /
# REDIS_URL are set (see bot/stores.py).
.venv/bin/python -m bot.stores --out var/endpoints.yml

# The action server answers Rasa only: it listens on loopback.
SANIC_HOST=127.0.0.1 .venv/bin/python -m rasa_sdk --actions actions --port "$ACTION_PORT" &
ACTION_PID=$!
# RASA_INTERFACE=0.0.0.0 to let other machines reach the chat; the HTTP API stays off
# unless RASA_ARGS adds --enable-api (then always with --auth-token or --jwt-secret).
.venv/bin/rasa run --model "$MODEL" --port "$RASA_PORT" --interface "${RASA_INTERFACE:-127.0.0.1}" \
  --credentials credentials.yml \
  --endpoints var/endpoints.yml ${RASA_ARGS:-} &
RASA_PID=$!

stop() {
  trap - INT TERM EXIT
  kill "$RASA_PID" "$ACTION_PID" 2>/dev/null || true
  wait "$RASA_PID" "$ACTION_PID" 2>/dev/null || true
  echo "PM Career Assistant stopped."
}
trap stop INT TERM EXIT

# Rasa answers HTTP before the model is loaded: wait until GET /ready says the model, the
# action server and the stores answer (channels/health.py), or fail.
ready=""
for _ in $(seq 1 "${READY_TIMEOUT:-180}"); do
  if ! kill -0 "$RASA_PID" 2>/dev/null; then echo "Rasa server exited; see the log above." >&2; exit 1; fi
  if ! kill -0 "$ACTION_PID" 2>/dev/null; then echo "Action server exited; see the log above." >&2; exit 1; fi
  if curl -sf -m 5 "http://127.0.0.1:$RASA_PORT/ready" >/dev/null; then ready=1; break; fi
  sleep 1
done
if [[ -z "$ready" ]]; then
  echo "Not ready after ${READY_TIMEOUT:-180} s: $(curl -s -m 5 "http://127.0.0.1:$RASA_PORT/ready")" >&2
  exit 1
fi
cat <<MSG

  PM Career Assistant is ready.
    Web chat:     http://localhost:$RASA_PORT/chat
    REST webhook: http://localhost:$RASA_PORT/webhooks/rest/webhook
    Try: curl -s -X POST localhost:$RASA_PORT/webhooks/rest/webhook -d '{"sender":"me","message":"what does an IT project manager do?"}'
  Press Ctrl-C to stop.

MSG
wait -n "$RASA_PID" "$ACTION_PID"
