#!/usr/bin/env bash
# Propagation benchmark: control plane + 3 data planes as processes on the local PostgreSQL and Redis
# (test-fixtures: a database and a key prefix of its own, removed afterwards).
#   launcher/bench/propagation-bench.sh [revocations=50] [seededKeys=100000] [revocationsAfterSeeding=20]
# Needs the jars and the launcher's test classes: ./mvnw -pl launcher -am verify -DskipTests (or a full verify).
# Results: docs/benchmarks.md, section "Propagation".
exec "$(dirname "${BASH_SOURCE[0]}")/run-class.sh" dev.bulwark.launcher.bench.PropagationBench "$@"
