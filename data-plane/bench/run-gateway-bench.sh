#!/usr/bin/env bash
# run-gateway-bench.sh - the gateway next to nginx, measured in the same run by
# /work/shared/bench/run-baseline.sh (invoked, not copied).
#
# Builds nothing: uses data-plane/target/bulwark-data-plane.jar (./mvnw -pl data-plane -am verify).
# Needs: apt-get install -y wrk nginx haproxy; Redis on 127.0.0.1:6379 for scenarios d and e.
#
# Scenarios (GW_SCENARIO, default c):
#   c  no policy: one API at /bench -> 127.0.0.1:$UPSTREAM_PORT, access log off
#   d  API-key authentication + distributed rate limit (limit 1e9/s, never trips) + access log
#   e  as d, with 10,000 more routes and 100,000 keys in the snapshot
#   f  as d, with contract-validation and threat-protection at their defaults on the operation called
#      (GET /bench/items/42?verbose=true: path and query validated, every input scanned); issue 20's
#      target is >= 0.6x nginx in the same run
# For d and e the snapshot holds real bwk_test_ keys (HMAC digests under a bench pepper); wrk sends
# one of them through run-baseline.sh's API_KEY (nginx_gw accepts it too), so no Lua of our own.
#
# Each scenario is one run-baseline.sh run with SCENARIOS="direct nginx <nginx_gw> gateway":
# the ratios below compare the gateway with nginx measured in that same run.
#   GW_SCENARIO=c data-plane/bench/run-gateway-bench.sh
#   GW_SCENARIO=d REPS=3 data-plane/bench/run-gateway-bench.sh
#   EXTRA_JVM_FLAGS="--sun-misc-unsafe-memory-access=deny" GW_SCENARIO=c ...   # more JVM flags for the gateway
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
MODULE=$(dirname "$HERE")
JAR=${JAR:-$MODULE/target/bulwark-data-plane.jar}
BASELINE=${BASELINE:-/work/shared/bench/run-baseline.sh}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
GW_SCENARIO=${GW_SCENARIO:-c}
export UPSTREAM_PORT=${UPSTREAM_PORT:-18080}
export GATEWAY_PORT=${GATEWAY_PORT:-18090}
STATUS_PORT=${STATUS_PORT:-18190}
# Event loops = cores the pinned gateway really has (run-baseline pins it to PROXY_CPUS, default "1").
PROXY_CPUS=${PROXY_CPUS:-1}
EVENT_LOOPS=${EVENT_LOOPS:-$(awk -F, '{ n = 0; for (i = 1; i <= NF; i++) { if (split($i, r, "-") == 2) n += r[2] - r[1] + 1; else n++ } print n }' <<<"$PROXY_CPUS")}
HEAP=${HEAP:-256m}

[[ -f $JAR ]] || { echo "missing $JAR - run ./mvnw -pl data-plane -am verify first" >&2; exit 1; }
[[ -x $BASELINE ]] || { echo "missing $BASELINE" >&2; exit 1; }
case $GW_SCENARIO in c|d|e|f) ;; *) echo "GW_SCENARIO must be c, d, e or f" >&2; exit 1 ;; esac

WORK=${WORK:-${TMPDIR:-/tmp}/bulwark-gw-bench}
mkdir -p "$WORK"
SNAPSHOT=$WORK/snapshot-$GW_SCENARIO.json
PEPPER=$(head -c 32 /dev/urandom | base64 -w0)
API_KEY=$("$JAVA" -cp "$JAR" "$HERE/BenchSnapshot.java" "$GW_SCENARIO" "$UPSTREAM_PORT" "$SNAPSHOT" "$PEPPER")
export API_KEY
echo "scenario $GW_SCENARIO: snapshot $SNAPSHOT ($(du -h "$SNAPSHOT" | cut -f1)), event loops $EVENT_LOOPS, heap $HEAP" >&2

ACCESS_LOG=INFO
[[ $GW_SCENARIO == c ]] && ACCESS_LOG=OFF
# JVM flags per /work/shared/notes/performance.md; MetaspaceSize as in the image (no full collection at
# start-up when metaspace passes its 21 MB default threshold). Header validation stays ON
# (no -Dvertx.disableHttpHeadersValidation): it is part of the request-smuggling defence.
JVM_FLAGS="-XX:+UseParallelGC -Xms$HEAP -Xmx$HEAP -XX:+AlwaysPreTouch -XX:ActiveProcessorCount=$EVENT_LOOPS -XX:MetaspaceSize=128m \
 -Dvertx.disableContextTimings=true -Dvertx.disableMetrics=true -Dio.netty.leakDetection.level=disabled \
 -Xlog:gc:file=$WORK/gc-$GW_SCENARIO.log ${EXTRA_JVM_FLAGS:-}"
GATEWAY_CMD="env BULWARK_GW_PORT=$GATEWAY_PORT BULWARK_GW_STATUS_PORT=$STATUS_PORT BULWARK_GW_EVENT_LOOPS=$EVENT_LOOPS \
 BULWARK_GW_SNAPSHOT_FILE=$SNAPSHOT BULWARK_API_KEY_PEPPER=$PEPPER BULWARK_ENVIRONMENT=bench \
 BULWARK_ACCESS_LOG_LEVEL=$ACCESS_LOG BULWARK_GW_UPSTREAM_POOL_SIZE=128 \
 $JAVA $JVM_FLAGS -jar $JAR"
export GATEWAY_CMD
export GATEWAY_PATH=/bench
[[ $GW_SCENARIO == f ]] && GATEWAY_PATH="/bench/items/42?verbose=true"
export GATEWAY_START_TIMEOUT=${GATEWAY_START_TIMEOUT:-120}
SCENARIOS=${SCENARIOS:-"direct nginx gateway"}
[[ $GW_SCENARIO != c ]] && SCENARIOS=${SCENARIOS_DE:-"direct nginx nginx_gw gateway"}
export SCENARIOS

OUT=$WORK/baseline-$GW_SCENARIO.txt
"$BASELINE" 2>&1 | tee "$OUT"

# Ratios to nginx (and nginx_gw) of the same run, from the baseline's table.
RESULTS=$(grep -o 'raw: [^ ]*' "$OUT" | tail -1 | cut -d' ' -f2)
echo
echo "gateway scenario $GW_SCENARIO vs same-run proxies (req/s median; p50/p99 median, us):"
awk -F'\t' '
  /^#/ { next }
  { k = $1 "/" $2; n[k]++; r[k] = r[k] " " $4; p50[k] = p50[k] " " $5; p99[k] = p99[k] " " $6 }
  function med(s,   a, c, i, j, t) { c = split(s, a, " ")
    for (i = 2; i <= c; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return (c % 2) ? a[(c + 1) / 2] : (a[c / 2] + a[c / 2 + 1]) / 2 }
  END {
    split("load lat", P, " ")
    for (pi = 1; pi <= 2; pi++) { p = P[pi]; g = "gateway/" p
      if (!(g in n)) continue
      printf "  %-4s gateway %8.0f req/s  p50 %7.0f  p99 %7.0f", p, med(r[g]), med(p50[g]), med(p99[g])
      split("nginx nginx_gw", B, " ")
      for (bi = 1; bi <= 2; bi++) { b = B[bi] "/" p
        if (b in n) printf "  | %s %8.0f req/s (gateway %.2fx) p99 %6.0f", B[bi], med(r[b]), med(r[g]) / med(r[b]), med(p99[b]) }
      printf "\n" } }' "$RESULTS"
echo "gc log: $WORK/gc-$GW_SCENARIO.log"
