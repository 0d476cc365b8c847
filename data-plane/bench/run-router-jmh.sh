#!/usr/bin/env bash
# run-router-jmh.sh - JMH figures for the gateway's router (10,000 routes).
# Builds nothing beyond test classes already compiled by `./mvnw -pl data-plane -am verify`
# (or test-compile); extra JMH options are passed through, e.g. -prof gc.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[[ -d target/test-classes/dev/bulwark/dataplane/bench ]] || { echo "compile the tests first (./mvnw -pl data-plane -am test-compile)" >&2; exit 1; }
../mvnw -q -o dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >/dev/null
exec "$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.openjdk.jmh.Main 'dev.bulwark.dataplane.bench.RouterBenchmark' "$@"
