#!/usr/bin/env bash
# Control-plane admin API latency: 1,000 APIs and 100,000 keys in one tenant, fresh database,
# the packaged jar, ~2,000 sequential requests per call after warm-up. Needs PostgreSQL as the
# tests do (BULWARK_TEST_PG_URL/USER/PASSWORD, default 127.0.0.1:5432).
# Usage: control-plane/bench/admin-api-bench.sh   (env: BENCH_APIS, BENCH_KEYS, BENCH_REQUESTS, BENCH_WARMUP)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"
if [[ ! -f target/bulwark-control-plane.jar || ! -d target/test-classes/dev/bulwark/controlplane/bench ]]; then
  (cd .. && ./mvnw -q -o -pl control-plane -am verify -DskipTests)
fi
CP_FILE=target/bench-classpath.txt
(cd .. && ./mvnw -q -o -pl control-plane -am test-compile dependency:build-classpath -DskipTests -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test) >/dev/null 2>&1
echo "machine: $(nproc) cores, kernel $(uname -r), $(java -version 2>&1 | head -1)"
java -Dbench.apis="${BENCH_APIS:-1000}" -Dbench.keys="${BENCH_KEYS:-100000}" \
     -Dbench.requests="${BENCH_REQUESTS:-2000}" -Dbench.warmup="${BENCH_WARMUP:-500}" \
     -cp "target/test-classes:target/classes:$(cat "$CP_FILE")" dev.bulwark.controlplane.bench.AdminApiBench target/bulwark-control-plane.jar
