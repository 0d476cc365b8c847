#!/usr/bin/env bash
# infra/local-services.sh ensure|status
# Makes PostgreSQL and Redis reachable on 127.0.0.1:5432 / :6379 for the test suite: uses servers
# already running there; otherwise installs Debian's packages (needs root and apt) and starts them.
# Prints the BULWARK_TEST_* variables the tests need when the server is not in trust mode.
set -euo pipefail

PG_HOST=127.0.0.1 PG_PORT=5432 REDIS_PORT=6379
log() { printf '[local-services] %s\n' "$*" >&2; }

pg_up() { (exec 3<>"/dev/tcp/$PG_HOST/$PG_PORT") 2>/dev/null; }
redis_up() { [[ $(printf 'PING\r\n' | timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$REDIS_PORT; cat >&3; head -c5 <&3" 2>/dev/null) == "+PONG" ]]; }

apt_install() {
  if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null; then
    log "cannot install $* (needs root and apt-get); start the service yourself or set BULWARK_TEST_* URLs"
    exit 1
  fi
  if [[ ! -f /tmp/.bulwark-apt-updated ]]; then apt-get update -qq >/dev/null && touch /tmp/.bulwark-apt-updated; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_postgres() {
  if pg_up; then log "PostgreSQL already listening on $PG_HOST:$PG_PORT"; return; fi
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then log "installing PostgreSQL"; apt_install postgresql; fi
  if command -v pg_ctlcluster >/dev/null; then
    local version; version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
    if [[ -z $version ]]; then
      version=$(ls /usr/lib/postgresql | sort -V | tail -1)
      pg_createcluster "$version" main >/dev/null
    fi
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  fi
  for _ in $(seq 60); do pg_up && break; sleep 1; done
  pg_up || { log "PostgreSQL did not start"; exit 1; }
  log "PostgreSQL started"
}

ensure_postgres_login() {
  # The tests connect as postgres over TCP. Trust mode needs nothing; otherwise give the role a
  # password of our own and hand it to the tests.
  if PGCONNECT_TIMEOUT=3 psql -w -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; then
    return
  fi
  if [[ -n ${BULWARK_TEST_PG_PASSWORD:-} ]]; then return; fi
  if [[ $(id -u) == 0 ]] && id postgres >/dev/null 2>&1; then
    local password=bulwark-ci
    runuser -u postgres -- psql -q -c "ALTER ROLE postgres PASSWORD '$password'" >/dev/null
    echo "export BULWARK_TEST_PG_PASSWORD=$password"
    log "set a password on the postgres role for TCP logins"
  else
    log "cannot log in to PostgreSQL as postgres; set BULWARK_TEST_PG_URL/USER/PASSWORD"
    exit 1
  fi
}

ensure_redis() {
  if redis_up; then log "Redis already answering on 127.0.0.1:$REDIS_PORT"; return; fi
  command -v redis-server >/dev/null || { log "installing Redis"; apt_install redis-server; }
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir /tmp --logfile /tmp/bulwark-ci-redis.log
  for _ in $(seq 30); do redis_up && break; sleep 0.5; done
  redis_up || { log "Redis did not start"; exit 1; }
  log "Redis started"
}

case "${1:-ensure}" in
  ensure) ensure_postgres; ensure_postgres_login; ensure_redis ;;
  status) pg_up && echo "postgres: up" || echo "postgres: down"; redis_up && echo "redis: up" || echo "redis: down" ;;
  *) echo "usage: $0 ensure|status" >&2; exit 2 ;;
esac
