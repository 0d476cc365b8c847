# Sourced by ./bulwark and .ci/run: exports JAVA_HOME pointing at a JDK 21 or newer.
bulwark_find_java() {
  local candidate bin version
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 \
                   /usr/lib/jvm/java-21-openjdk-amd64 /usr/lib/jvm/*; do
    bin=$candidate/bin/java
    [[ -n $candidate && -x $bin && -x $candidate/bin/javac ]] || continue
    version=$("$bin" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    if [[ ${version%%.*} =~ ^[0-9]+$ ]] && (( ${version%%.*} >= 21 )); then
      JAVA_HOME=$candidate
      export JAVA_HOME
      return 0
    fi
  done
  echo "a JDK 21 or newer is required (java and javac); set JAVA_HOME to one" >&2
  return 1
}
