#!/usr/bin/env bash
# Detection-latency benchmark: control plane + 1 data plane as processes on the local PostgreSQL and Redis
# (test-fixtures: a database and a key prefix of its own, removed afterwards): a benign replay that must
# open no incident, then credential-stuffing rounds timed from the first attack request to the open incident.
#   launcher/bench/detection-bench.sh [rounds=30] [benignAddresses=50]
# Needs the jars and the launcher's test classes: ./mvnw -pl launcher -am verify -DskipTests (or a full verify).
# Results: docs/benchmarks.md, section "Incident detection".
exec "$(dirname "${BASH_SOURCE[0]}")/run-class.sh" dev.bulwark.launcher.bench.DetectionLatencyBench "$@"
