#!/usr/bin/env bash
# alloc-profile.sh - bytes allocated per request by the real gateway under wrk: an allocation
# COUNT, not a throughput figure, so it stays meaningful on a box other work is loading.
#
#   GW_SCENARIO=c data-plane/bench/alloc-profile.sh          # c (no policy), d (key + limit + log) or f (d + contract + injection scan)
#   JAR=/path/to/other.jar GW_SCENARIO=c data-plane/bench/alloc-profile.sh   # the same for another build
#
# Starts an nginx upstream (return 200, ~100-byte JSON) and the gateway jar with the bench's JVM flags
# (run-gateway-bench.sh), warms up with wrk, then records JFR (settings=profile) around a measured wrk
# run. jdk.ThreadAllocationStatistics is emitted when a recording starts and stops, so the event
# loop's allocated bytes at both ends over wrk's request count are the bytes per request. The
# recording's allocation samples give where they come from (`jfr view allocation-by-site`).
# Needs wrk and nginx; Redis on 127.0.0.1:6379 for scenarios d and f. Ports default to 284xx.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
MODULE=$(dirname "$HERE")
JAR=${JAR:-$MODULE/target/bulwark-data-plane.jar}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
GW_SCENARIO=${GW_SCENARIO:-c}
UPSTREAM_PORT=${UPSTREAM_PORT:-28480}
GATEWAY_PORT=${GATEWAY_PORT:-28490}
STATUS_PORT=${STATUS_PORT:-28491}
CONNS=${CONNS:-50}
WARMUP=${WARMUP:-15}
DURATION=${DURATION:-10}
WORK=${WORK:-${TMPDIR:-/tmp}/bulwark-alloc-$GW_SCENARIO}
case $GW_SCENARIO in c|d|f) ;; *) echo "GW_SCENARIO must be c, d or f" >&2; exit 1 ;; esac
# The operation (f) validates and scans, as run-gateway-bench.sh calls it.
BENCH_PATH=/bench
[[ $GW_SCENARIO == f ]] && BENCH_PATH="/bench/items/42?verbose=true"
[[ -f $JAR ]] || { echo "missing $JAR - run ./mvnw -pl data-plane -am package first" >&2; exit 1; }

rm -rf "$WORK" && mkdir -p "$WORK/nginx-tmp"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

cat >"$WORK/upstream.conf" <<EOF
worker_processes 1;
pid $WORK/upstream.pid;
error_log $WORK/upstream-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx-tmp/client; proxy_temp_path $WORK/nginx-tmp/proxy;
  fastcgi_temp_path $WORK/nginx-tmp/fastcgi; uwsgi_temp_path $WORK/nginx-tmp/uwsgi; scgi_temp_path $WORK/nginx-tmp/scgi;
  keepalive_requests 10000000;
  server {
    listen 127.0.0.1:$UPSTREAM_PORT;
    location / { default_type application/json;
      return 200 '{"status":"ok","service":"upstream","id":12345,"ts":"2024-01-01T00:00:00Z","msg":"hello perf"}'; }
  }
}
EOF
taskset -c 1 nginx -c "$WORK/upstream.conf" -g 'daemon off;' &
PIDS+=($!)

PEPPER=$(head -c 32 /dev/urandom | base64 -w0)
API_KEY=$("$JAVA" -cp "$JAR" "$HERE/BenchSnapshot.java" "$GW_SCENARIO" "$UPSTREAM_PORT" "$WORK/snapshot.json" "$PEPPER")
ACCESS_LOG=INFO
[[ $GW_SCENARIO == c ]] && ACCESS_LOG=OFF
env BULWARK_GW_PORT=$GATEWAY_PORT BULWARK_GW_STATUS_PORT=$STATUS_PORT BULWARK_GW_EVENT_LOOPS=1 \
  BULWARK_GW_SNAPSHOT_FILE=$WORK/snapshot.json BULWARK_API_KEY_PEPPER=$PEPPER BULWARK_ENVIRONMENT=bench \
  BULWARK_ACCESS_LOG_LEVEL=$ACCESS_LOG BULWARK_GW_UPSTREAM_POOL_SIZE=128 \
  taskset -c 1 "$JAVA" -XX:+UseParallelGC -Xms256m -Xmx256m -XX:ActiveProcessorCount=1 \
  -Dvertx.disableContextTimings=true -Dvertx.disableMetrics=true -Dio.netty.leakDetection.level=disabled \
  -jar "$JAR" >"$WORK/gateway.log" 2>&1 &
GW_PID=$!
PIDS+=($GW_PID)
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$STATUS_PORT/health/ready" >/dev/null 2>&1 && break
  kill -0 "$GW_PID" 2>/dev/null || { cat "$WORK/gateway.log" >&2; exit 1; }
  sleep 0.5
done

WRK=(taskset -c 0 wrk -t1 -c"$CONNS" -H "X-API-Key: $API_KEY" "http://127.0.0.1:$GATEWAY_PORT$BENCH_PATH")
"${WRK[@]}" -d"${WARMUP}s" >"$WORK/wrk-warmup.txt"
# profile settings, with allocation samples dense enough (profile's 300/s) to attribute small objects
"$JAVA_HOME/bin/jfr" configure --input profile "jdk.ObjectAllocationSample#throttle=20000/s" --output "$WORK/alloc.jfc" >/dev/null
"$JAVA_HOME/bin/jcmd" "$GW_PID" JFR.start name=alloc settings="$WORK/alloc.jfc" >/dev/null
# The gateway's CPU time (all threads, clock ticks) around the measured run: CPU per request.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$GW_PID/stat"; }
CPU0=$(cpu_ticks)
"${WRK[@]}" -d"${DURATION}s" >"$WORK/wrk.txt"
CPU1=$(cpu_ticks)
"$JAVA_HOME/bin/jcmd" "$GW_PID" JFR.stop name=alloc filename="$WORK/alloc.jfr" >/dev/null

REQUESTS=$(awk '/requests in/ { print $1 }' "$WORK/wrk.txt")
NON2XX=$(awk '/Non-2xx/ { print $NF }' "$WORK/wrk.txt")
"$JAVA_HOME/bin/jfr" print --json --events jdk.ThreadAllocationStatistics "$WORK/alloc.jfr" >"$WORK/threads.json"
# First and last allocated-bytes figure of each thread; the event loop serves every request.
python3 - "$WORK/threads.json" "$REQUESTS" "${NON2XX:-0}" "$((CPU1 - CPU0))" "$(getconf CLK_TCK)" <<'EOF'
import json, sys
events = json.load(open(sys.argv[1]))["recording"]["events"]
requests, non2xx = int(sys.argv[2]), int(sys.argv[3])
first, last = {}, {}
for e in sorted(events, key=lambda e: e["values"]["startTime"]):
    name = (e["values"].get("thread") or {}).get("javaName") or "?"
    first.setdefault(name, e["values"]["allocated"])
    last[name] = e["values"]["allocated"]
delta = {n: last[n] - first[n] for n in first}
loop = sum(v for n, v in delta.items() if n.startswith("vert.x-eventloop-thread"))
print(f"requests {requests} (non-2xx {non2xx})")
print(f"gateway CPU (all threads): {int(sys.argv[4]) / int(sys.argv[5]) * 1e6 / requests:,.1f} us/request")
print(f"event loop: {loop / requests:,.0f} B/request   all threads: {sum(delta.values()) / requests:,.0f} B/request")
for n, v in sorted(delta.items(), key=lambda kv: -kv[1])[:6]:
    print(f"  {n:<40} {v / requests:>10,.0f} B/request")
EOF
"$JAVA_HOME/bin/jfr" view --width 160 allocation-by-site "$WORK/alloc.jfr" | head -30
"$JAVA_HOME/bin/jfr" view --width 160 allocation-by-class "$WORK/alloc.jfr" | head -25
echo "recording: $WORK/alloc.jfr"
