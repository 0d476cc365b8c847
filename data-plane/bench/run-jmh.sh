#!/usr/bin/env bash
# Runs the data plane's JMH benchmarks (src/test/java/**/bench) outside of `verify`.
#   data-plane/bench/run-jmh.sh [benchmark-regex] [extra JMH options]
# Example: data-plane/bench/run-jmh.sh ApiKeyLookup -f 1 -wi 3 -i 5
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
# One reactor invocation: the class path then names the sibling modules' target/classes (nothing is installed).
./mvnw -q -o -pl data-plane -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/jmh.classpath -Dskip.npm -Dskip.installnodenpm
pattern=${1:-.}
shift || true
exec "$JAVA_HOME/bin/java" -cp "data-plane/target/test-classes:data-plane/target/classes:$(cat data-plane/target/jmh.classpath)" \
  org.openjdk.jmh.Main "$pattern" "$@"
