#!/usr/bin/env bash
# Runs one benchmark class of the launcher's test classes against the built jars:
#   launcher/bench/run-class.sh <class> [arguments...]
# Needs the jars and the launcher's test classes: ./mvnw -pl launcher -am verify -DskipTests (or a full verify).
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
class=$1
shift
# The control plane runs with the full JIT (C2) and ParallelGC here, as deployed; tests run it C1-only to start fast.
exec "$JAVA_HOME/bin/java" -Xmx512m -Dbulwark.root="$PWD" -Dbulwark.platform.full-jit=true \
  -cp "launcher/target/test-classes:$(cat "$classpath_file")" "$class" "$@"
