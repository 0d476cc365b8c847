#!/usr/bin/env bash
# Compares the distributed rate limit's designs (one script call per decision, decisions batched per
# event-loop tick, leased tokens) against the Redis at BULWARK_REDIS_URL (default 127.0.0.1:6379),
# in one run: script calls and gateway-process CPU time per decision (RateLimitDesignsBench).
#   data-plane/bench/run-ratelimit-designs.sh [decisions=200000] [in-flight=50]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -q -o -pl data-plane -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/jmh.classpath -Dskip.npm -Dskip.installnodenpm
exec taskset -c "${CPUS:-1}" "$JAVA_HOME/bin/java" -XX:ActiveProcessorCount=1 \
  -cp "data-plane/target/test-classes:data-plane/target/classes:$(cat data-plane/target/jmh.classpath)" \
  dev.bulwark.dataplane.policy.ratelimit.RateLimitDesignsBench "$@"
