#!/usr/bin/env bash
# infra/keycloak.sh fetch|start|stop|status
# A local Keycloak for `./bulwark up --with-keycloak` and for the identity tests in CI.
#   fetch   resolves org.keycloak:keycloak-quarkus-dist (tar.gz) from Maven Central through the Maven
#           wrapper (so it is cached in ~/.m2 like any dependency) and unpacks it once under
#           $BULWARK_KEYCLOAK_HOME (default ~/.cache/bulwark/keycloak); prints the server directory.
#   start   starts it in dev mode on 127.0.0.1:$BULWARK_KEYCLOAK_PORT (default: a free port) with a
#           fresh database and a generated admin password, waits until it answers (unless
#           --no-wait), and prints the variables the control plane reads (BULWARK_KEYCLOAK_URL, ...)
#           and the ones the tests read (BULWARK_TEST_KEYCLOAK_*), for `eval`.
#   stop    stops the server `start` left running.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VERSION=${BULWARK_KEYCLOAK_VERSION:-26.7.3}
CACHE=${BULWARK_KEYCLOAK_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/bulwark/keycloak}
SERVER=$CACHE/keycloak-$VERSION
STATE=$CACHE/run
log() { printf '[keycloak] %s\n' "$*" >&2; }

fetch() {
  if [[ -f $SERVER/.unpacked ]]; then echo "$SERVER"; return; fi
  mkdir -p "$CACHE"
  local archive=$CACHE/keycloak-quarkus-dist-$VERSION.tar.gz
  if [[ ! -s $archive ]]; then
    log "fetching org.keycloak:keycloak-quarkus-dist:$VERSION from Maven Central (~176 MB, once)"
    (cd "$ROOT" && ./mvnw -B -q -ntp dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$VERSION:tar.gz" \
        -DoutputDirectory="$CACHE" -Dmdep.overWriteIfNewer=true >&2)
  fi
  rm -rf "$SERVER" "$CACHE/unpack"
  mkdir -p "$CACHE/unpack"
  tar xzf "$archive" -C "$CACHE/unpack"
  mv "$CACHE/unpack/keycloak-$VERSION" "$SERVER"
  rmdir "$CACHE/unpack"
  touch "$SERVER/.unpacked"
  echo "$SERVER"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
answers() { curl -fsS -o /dev/null --max-time 3 "$1/realms/master" 2>/dev/null; }

start() {
  local wait=true
  [[ ${1:-} == --no-wait ]] && wait=false
  fetch >/dev/null
  mkdir -p "$STATE"
  if [[ -f $STATE/pid ]] && kill -0 "$(cat "$STATE/pid")" 2>/dev/null; then
    log "already running (pid $(cat "$STATE/pid"))"
    cat "$STATE/env"
    return
  fi
  local port=${BULWARK_KEYCLOAK_PORT:-$(free_port)}
  local password; password=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
  local url=http://127.0.0.1:$port
  rm -rf "$SERVER/data"
  KC_BOOTSTRAP_ADMIN_USERNAME=bulwark-admin KC_BOOTSTRAP_ADMIN_PASSWORD=$password JAVA_OPTS_APPEND="-Xms64m -Xmx768m" \
    nohup "$SERVER/bin/kc.sh" start-dev --http-port="$port" --http-host=127.0.0.1 >"$STATE/keycloak.log" 2>&1 &
  echo $! >"$STATE/pid"
  # The admin password lives only in this file (mode 600) and in the environment of what uses it.
  umask 077
  cat >"$STATE/env" <<EOF
export BULWARK_KEYCLOAK_URL=$url BULWARK_KEYCLOAK_ADMIN_USERNAME=bulwark-admin BULWARK_KEYCLOAK_ADMIN_PASSWORD=$password
export BULWARK_TEST_KEYCLOAK_URL=$url BULWARK_TEST_KEYCLOAK_URL_ADMIN_USERNAME=bulwark-admin BULWARK_TEST_KEYCLOAK_URL_ADMIN_PASSWORD=$password
export BULWARK_TEST_KEYCLOAK_SERVER=$SERVER BULWARK_TEST_KEYCLOAK_PID_FILE=$STATE/pid
EOF
  if $wait; then
    for _ in $(seq 600); do answers "$url" && break; sleep 1; done
    answers "$url" || { log "Keycloak did not answer within 10 minutes; see $STATE/keycloak.log"; exit 1; }
    log "Keycloak $VERSION answering on $url (admin console $url/admin, user bulwark-admin; log $STATE/keycloak.log)"
  else
    log "Keycloak $VERSION starting on $url (log $STATE/keycloak.log)"
  fi
  cat "$STATE/env"
}

stop() {
  [[ -f $STATE/pid ]] || { log "not running"; return; }
  local pid; pid=$(cat "$STATE/pid")
  # kc.sh execs java, but stop its children too in case a shell stays in between.
  pkill -TERM -P "$pid" 2>/dev/null || true
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  rm -f "$STATE/pid" "$STATE/env"
  log "stopped"
}

case ${1:-} in
  fetch) fetch ;;
  start) shift; start "$@" ;;
  stop) stop ;;
  status) [[ -f $STATE/pid ]] && kill -0 "$(cat "$STATE/pid")" 2>/dev/null && cat "$STATE/env" || { log "not running"; exit 1; } ;;
  *) echo "usage: infra/keycloak.sh fetch|start [--no-wait]|stop|status" >&2; exit 2 ;;
esac
