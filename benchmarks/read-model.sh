#!/usr/bin/env bash
# The console's read model with 100,000 events loaded, in one JVM (no broker, no HTTP): the time of every answer the
# pages and the read APIs use, median / p99 / max over many calls, against a trivial reference of the same run.
# Usage: benchmarks/read-model.sh [runs]. BENCH_EVENTS (default 100000) and BENCH_CALLS (timed calls per answer,
# default 2000); BENCH_BUILD=false reuses the jars of an earlier build.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-1}"

. .ci/java-home.sh

if [ "${BENCH_BUILD:-true}" != false ]; then
  ./mvnw -q -B -pl benchmarks -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
fi
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
for i in $(seq 1 "$runs"); do
  echo "## read model, run $i of $runs ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ))"
  "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xmx512m -Dbench.events="${BENCH_EVENTS:-100000}" \
    -Dbench.calls="${BENCH_CALLS:-2000}" -cp "$cp" io.alertpilot.benchmarks.ReadModelBenchmark
done
