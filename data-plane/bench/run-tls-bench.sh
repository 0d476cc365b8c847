#!/usr/bin/env bash
# run-tls-bench.sh - TLS termination: the gateway (JDK and OpenSSL engines) next to nginx, same run.
#
# Issue 17's TLS scenario. The shared baseline script speaks plain HTTP only, so this one starts its
# own three servers on 127.0.0.1 with one ECDSA P-256 certificate made for the run:
#   upstream     nginx, 1 worker, `return 200` with a ~100-byte JSON body (plain HTTP)
#   nginx_tls    nginx, 1 worker, TLS 1.3/1.2 on the client side, keep-alive pool to the upstream
#   gw_jdk       the gateway, BULWARK_GW_TLS_ENGINE=jdk, no policy (scenario c's snapshot)
#   gw_openssl   the gateway, BULWARK_GW_TLS_ENGINE=openssl (BoringSSL through netty-tcnative)
# Layout as in the shared baseline: wrk alone on CPU 0; the server under test and the upstream on
# CPU 1; one nginx worker, one gateway event loop. Profiles:
#   keepalive   50 connections kept open: record encryption, no handshakes after the first
#   handshake   every request on a new connection (Connection: close): one full handshake each
#   lat         1 connection kept open: round-trip latency
# Each server gets a warm-up, then REPS runs of DURATION seconds round robin; the table gives
# medians, the gateway/nginx ratios and the CPU time per request of the server process.
#
# Builds nothing: uses data-plane/target/bulwark-data-plane.jar. Needs: apt-get install -y wrk nginx.
#   data-plane/bench/run-tls-bench.sh
#   REPS=5 DURATION=10 PROFILES="keepalive handshake" data-plane/bench/run-tls-bench.sh
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
MODULE=$(dirname "$HERE")
JAR=${JAR:-$MODULE/target/bulwark-data-plane.jar}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
HOST=127.0.0.1
UPSTREAM_PORT=${UPSTREAM_PORT:-18080}
NGINX_TLS_PORT=${NGINX_TLS_PORT:-18443}
GATEWAY_PORT=${GATEWAY_PORT:-18444}
STATUS_PORT=${STATUS_PORT:-18190}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-20}
REPS=${REPS:-3}
PROFILES=${PROFILES:-"keepalive handshake lat"}
SERVERS=${SERVERS:-"nginx_tls gw_jdk gw_openssl"}
HEAP=${HEAP:-256m}
WORK=${WORK:-${TMPDIR:-/tmp}/bulwark-tls-bench}
[[ -f $JAR ]] || { echo "missing $JAR - run ./mvnw -pl data-plane -am verify first" >&2; exit 1; }
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs wrk and nginx (apt-get install -y wrk nginx)" >&2; exit 1; }

rm -rf "$WORK" && mkdir -p "$WORK"/{upstream,nginx_tls}-tmp
declare -a PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
wait_port() { for _ in $(seq 1200); do (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
# CPU ticks of a process and its children (nginx: the master and its one worker)
cpu_ticks() {
  local total=0 p
  for p in "$1" $(pgrep -P "$1"); do total=$((total + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0))); done
  echo "$total"
}

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null

nginx_conf() {  # name, server block
  cat <<EOF
worker_processes 1;
pid $WORK/$1.pid;
error_log $WORK/$1-error.log warn;
daemon off;
events { worker_connections 16384; use epoll; }
http {
  access_log off; server_tokens off; tcp_nodelay on;
  keepalive_timeout 75s; keepalive_requests 10000000;
  client_body_temp_path $WORK/$1-tmp/client; proxy_temp_path $WORK/$1-tmp/proxy;
  fastcgi_temp_path $WORK/$1-tmp/fastcgi; uwsgi_temp_path $WORK/$1-tmp/uwsgi; scgi_temp_path $WORK/$1-tmp/scgi;
$2
}
EOF
}
BODY='{"status":"ok","service":"upstream","id":12345,"ts":"2024-01-01T00:00:00Z","msg":"hello perf"}'
nginx_conf upstream "  server { listen $HOST:$UPSTREAM_PORT backlog=4096; location / { default_type application/json; return 200 '$BODY'; } }" \
  >"$WORK/upstream.conf"
nginx_conf nginx_tls "  upstream backend { server $HOST:$UPSTREAM_PORT; keepalive 128; keepalive_requests 10000000; }
  server {
    listen $HOST:$NGINX_TLS_PORT ssl backlog=4096;
    ssl_certificate $WORK/cert.pem; ssl_certificate_key $WORK/key.pem;
    ssl_protocols TLSv1.3 TLSv1.2;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection \"\"; }
  }" >"$WORK/nginx_tls.conf"

taskset -c 1 nginx -c "$WORK/upstream.conf" -p "$WORK" >/dev/null 2>&1 &
PIDS+=($!)
wait_port "$UPSTREAM_PORT"

PEPPER=$(head -c 32 /dev/urandom | base64 -w0)
"$JAVA" -cp "$JAR" "$HERE/BenchSnapshot.java" c "$UPSTREAM_PORT" "$WORK/snapshot.json" "$PEPPER" >/dev/null

start_server() {  # name -> sets pid and port (not in a subshell: cleanup must know the pid)
  local name=$1
  case $name in
    nginx_tls)
      taskset -c 1 nginx -c "$WORK/nginx_tls.conf" -p "$WORK" >/dev/null 2>&1 &
      pid=$!; port=$NGINX_TLS_PORT ;;
    gw_jdk|gw_openssl)
      env BULWARK_GW_PORT=$GATEWAY_PORT BULWARK_GW_STATUS_PORT=$STATUS_PORT BULWARK_GW_EVENT_LOOPS=1 \
        BULWARK_GW_SNAPSHOT_FILE="$WORK/snapshot.json" BULWARK_API_KEY_PEPPER="$PEPPER" BULWARK_ENVIRONMENT=bench \
        BULWARK_ACCESS_LOG_LEVEL=OFF BULWARK_GW_UPSTREAM_POOL_SIZE=128 \
        BULWARK_GW_TLS_CERT_FILE="$WORK/cert.pem" BULWARK_GW_TLS_KEY_FILE="$WORK/key.pem" \
        BULWARK_GW_TLS_ENGINE="${name#gw_}" \
        taskset -c 1 "$JAVA" -XX:+UseParallelGC -Xms$HEAP -Xmx$HEAP -XX:+AlwaysPreTouch -XX:ActiveProcessorCount=1 \
        -Dvertx.disableContextTimings=true -Dio.netty.leakDetection.level=disabled \
        -jar "$JAR" >"$WORK/$name.log" 2>&1 &
      pid=$!; port=$GATEWAY_PORT ;;
  esac
  PIDS+=("$pid")
  wait_port "$port" || { log "$name did not start"; exit 1; }
}

# wrk prints 880.00us, 1.23ms or 1.05s: the table takes microseconds
to_us() { awk '{ v = $1 + 0; if ($1 ~ /us$/) print v; else if ($1 ~ /ms$/) print v * 1000; else print v * 1000000 }'; }

wrk_args() {  # profile -> WRK_ARGS
  case $1 in
    keepalive) WRK_ARGS=(-t1 -c50) ;;
    handshake) WRK_ARGS=(-t1 -c50 -H "Connection: close") ;;
    lat) WRK_ARGS=(-t1 -c1) ;;
  esac
}

RESULTS=$WORK/results.tsv
: >"$RESULTS"
for name in $SERVERS; do
  start_server "$name"
  path=/; [[ $name == gw_* ]] && path=/bench
  grep -o 'tls [a-z]*' "$WORK/$name.log" 2>/dev/null | head -1 | sed "s/^/$name: /" >&2 || true
  for profile in $PROFILES; do
    wrk_args "$profile"
    taskset -c 0 wrk "${WRK_ARGS[@]}" -d"${WARMUP}s" "https://$HOST:$port$path" >/dev/null
    for rep in $(seq "$REPS"); do
      before=$(cpu_ticks "$pid")
      out=$(taskset -c 0 wrk "${WRK_ARGS[@]}" -d"${DURATION}s" --latency "https://$HOST:$port$path")
      after=$(cpu_ticks "$pid")
      rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
      p50=$(awk '$1 == "50%" { print $2 }' <<<"$out" | to_us)
      p99=$(awk '$1 == "99%" { print $2 }' <<<"$out" | to_us)
      errors=$(awk '/Non-2xx|Socket errors/ { print }' <<<"$out" | tr '\n' ' ')
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$profile" "$rep" "$rps" "$p50" "$p99" "$before" "$after" >>"$RESULTS"
      log "$name $profile rep $rep: $rps req/s p50 $p50 p99 $p99 $errors"
    done
  done
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  # the next server takes the same port: wait until this one has let it go
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/$HOST/$port") 2>/dev/null || break; sleep 0.1; done
done

HZ=$(getconf CLK_TCK)
echo
echo "TLS termination, medians of $REPS runs of ${DURATION}s (req/s; p50 and p99 in us):"
awk -F'\t' -v hz="$HZ" -v dur="$DURATION" '
  function med(s,   a, c, i, j, t) { c = split(s, a, " ")
    for (i = 2; i <= c; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return (c % 2) ? a[(c + 1) / 2] : (a[c / 2] + a[c / 2 + 1]) / 2 }
  { k = $1 "/" $2; r[k] = r[k] " " $4; p50[k] = p50[k] " " $5; p99[k] = p99[k] " " $6
    cpu[k] = cpu[k] " " (($8 - $7) / hz * 1e6) / ($4 * dur)
    seen[$2] = 1; srv[$1] = 1 }
  END {
    for (p in seen) {
      base = med(r["nginx_tls/" p])
      for (s in srv) { k = s "/" p; if (!(k in r)) continue
        printf "  %-10s %-11s %9.0f req/s  p50 %7.0f  p99 %7.0f", p, s, med(r[k]), med(p50[k]), med(p99[k])
        printf "  CPU %5.1f us/req", med(cpu[k])
        if (s != "nginx_tls" && base > 0) printf "  %.2fx nginx_tls", med(r[k]) / base
        printf "\n" } } }' "$RESULTS" | sort
echo "raw: $RESULTS"
