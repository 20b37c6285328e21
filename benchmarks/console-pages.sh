#!/usr/bin/env bash
# The console's pages over HTTP with 100,000 events in its read model, in one JVM: the console on a random port, an
# in-JVM broker, remediation and the notifier stubbed (answering at once); a client logged in with a token times GET
# of every page, median / p99 / max, against a static file of the same server in the same run.
# Usage: benchmarks/console-pages.sh [runs]. BENCH_EVENTS (default 100000), BENCH_CALLS (timed calls per page,
# default 300), BENCH_WARMUP (default 100); BENCH_BUILD=false reuses the jars of an earlier build.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-1}"

. .ci/java-home.sh

if [ "${BENCH_BUILD:-true}" != false ]; then
  ./mvnw -q -B -pl benchmarks -am package -DskipTests dependency:build-classpath -DincludeScope=runtime \
    -Dmdep.outputFile=target/runtime-classpath.txt
fi
cp="benchmarks/target/classes:$(cat benchmarks/target/runtime-classpath.txt)"
for i in $(seq 1 "$runs"); do
  echo "## console pages, run $i of $runs ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ))"
  "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xmx768m -Dbench.events="${BENCH_EVENTS:-100000}" \
    -Dbench.calls="${BENCH_CALLS:-300}" -Dbench.warmup="${BENCH_WARMUP:-100}" -cp "$cp" \
    io.alertpilot.benchmarks.ConsolePageBenchmark
done
