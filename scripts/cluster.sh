#!/usr/bin/env bash
# `make cluster`: PostgreSQL and Redis (Debian packages, data in var/cluster), one action
# server, two Rasa instances sharing them, and nginx in front on $RASA_PORT (default 5005):
# REST round-robin across both instances, socket.io sticky (ip_hash). Ctrl-C stops it all.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
PORT="${RASA_PORT:-5005}"
ACTION_PORT="${ACTION_PORT:-5055}"
R1="${RASA1_PORT:-5006}"
R2="${RASA2_PORT:-5007}"
DIR="$ROOT/var/cluster"
MODEL="${MODEL:-models/pm-career.tar.gz}"
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}" ACTION_PORT

mkdir -p "$DIR"
chmod 755 "$ROOT/var" "$DIR"   # as root, PostgreSQL runs as `postgres` and must reach its folder
.venv/bin/python - <<'PY'
from deploy.local_services import ensure_packages
ensure_packages("postgresql", "redis-server", "nginx")
PY
eval "$(.venv/bin/python -m deploy.local_services start --dir "$DIR")"
export DB_URL REDIS_URL
if [ -z "${WEBCHAT_SECRET:-}" ]; then
  [ -s var/webchat.secret ] || head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > var/webchat.secret
  WEBCHAT_SECRET="$(cat var/webchat.secret)"
fi
export WEBCHAT_SECRET   # both instances must accept the same web chat sessions
.venv/bin/python -m bot.stores --out "$DIR/endpoints.yml"

PIDS=()
stop() {
  trap - INT TERM EXIT
  echo "stopping the cluster…"
  [ -f "$DIR/nginx.pid" ] && nginx -c "$DIR/nginx.conf" -p "$DIR" -s quit 2>/dev/null || true
  kill "${PIDS[@]}" 2>/dev/null || true
  wait "${PIDS[@]}" 2>/dev/null || true
  .venv/bin/python -m deploy.local_services stop --dir "$DIR" || true
  echo "cluster stopped."
}
trap stop INT TERM EXIT

SANIC_HOST=127.0.0.1 .venv/bin/python -m rasa_sdk --actions actions --port "$ACTION_PORT" > "$DIR/actions.log" 2>&1 &
PIDS+=($!)
for port in "$R1" "$R2"; do
  .venv/bin/rasa run --model "$MODEL" --port "$port" --interface 127.0.0.1 --credentials credentials.yml \
    --endpoints "$DIR/endpoints.yml" > "$DIR/rasa-$port.log" 2>&1 &
  PIDS+=($!)
done

.venv/bin/python -m deploy.nginx_config --dir "$DIR" --listen "127.0.0.1:$PORT" \
  --instance "127.0.0.1:$R1" --instance "127.0.0.1:$R2" --out "$DIR/nginx.conf"
nginx -c "$DIR/nginx.conf" -p "$DIR" -g "daemon on;"

# Ready = model loaded, action server, PostgreSQL and Redis answering (GET /ready), or fail.
for port in "$R1" "$R2"; do
  ready=""
  for _ in $(seq 1 "${READY_TIMEOUT:-240}"); do
    if curl -sf -m 5 "http://127.0.0.1:$port/ready" >/dev/null; then ready=1; break; fi
    sleep 1
  done
  if [[ -z "$ready" ]]; then
    echo "Rasa on :$port not ready after ${READY_TIMEOUT:-240} s: $(curl -s -m 5 "http://127.0.0.1:$port/ready")" >&2
    echo "logs: $DIR/rasa-$port.log" >&2
    exit 1
  fi
done
cat <<MSG

  PM Career Assistant cluster is ready (logs in var/cluster/).
    Web chat:     http://localhost:$PORT/chat
    REST webhook: http://localhost:$PORT/webhooks/rest/webhook  (nginx -> :$R1 and :$R2)
    PostgreSQL:   $DB_URL
    Redis:        $REDIS_URL
  Press Ctrl-C to stop everything.

MSG
wait -n "${PIDS[@]}"
