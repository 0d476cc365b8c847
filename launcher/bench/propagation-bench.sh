#!/usr/bin/env bash
# Propagation benchmark: control plane + 3 data planes as processes on the local PostgreSQL and Redis
# (test-fixtures: a database and a key prefix of its own, removed afterwards).
#   launcher/bench/propagation-bench.sh [revocations=50] [seededKeys=100000] [revocationsAfterSeeding=20]
# Needs the jars and the launcher's test classes: ./mvnw -pl launcher -am verify -DskipTests (or a full verify).
# Results: docs/benchmarks.md, section "Propagation".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source infra/java.sh
bulwark_find_java
classpath_file=launcher/target/bench.classpath
if [[ ! -s $classpath_file || launcher/pom.xml -nt $classpath_file ]]; then
  # -am and test-compile: the other modules are reactor artifacts (never installed) resolved from their target/
  # folders; launcher comes last, so its classpath is what the file holds at the end.
  ./mvnw -q -o -pl launcher -am -Dskip.npm -Dskip.installnodenpm test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$classpath_file" >/dev/null
fi
[[ -d launcher/target/test-classes ]] || { echo "launcher/target/test-classes missing: build first" >&2; exit 1; }
# The control plane runs with the full JIT (C2) and ParallelGC here, as deployed; tests run it C1-only to start fast.
exec "$JAVA_HOME/bin/java" -Xmx512m -Dbulwark.root="$PWD" -Dbulwark.platform.full-jit=true \
  -cp "launcher/target/test-classes:$(cat "$classpath_file")" dev.bulwark.launcher.bench.PropagationBench "$@"
