#!/usr/bin/env bash
# Builds the jars and runs the whole benchmark, printing one table per run and, after the last, the medians over the
# runs against the goals (benchmarks/target/medians.md). Usage: benchmarks/run.sh [runs]
# Phase length and concurrency: BENCH_SECONDS (default 15), BENCH_CONNECTIONS (default 16); BENCH_INGEST=false,
# BENCH_PIPELINE=false and BENCH_STANDALONE=false skip those phases; BENCH_BURST (default 3000) is the number of alerts
# of the pipeline's peak phase and of each scale-out burst; BENCH_STORM (default 10000; 0 skips them) the alerts of the
# storm phases, spread over BENCH_STORM_TARGETS Deployments (default 500); BENCH_SCALE_OUT=false skips the scale-out
# phase; BENCH_PORT_OFFSET (default 0) is added to every port the run listens on. The services run with their default
# container's JVM options (-Xmx256m -Xms128m -XX:+UseSerialGC, see BenchmarkRun.CONTAINER_OPTIONS); BENCH_SERVICE_OPTS
# adds JVM options to them; BENCH_AOT=false starts the plain jars instead of the extracted jars with their AOT caches
# (made once per build in benchmarks/target/aot).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-1}"

. .ci/java-home.sh

./mvnw -q -B package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
rm -rf benchmarks/target/run-*
for i in $(seq 1 "$runs"); do
  echo "## run $i of $runs ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ))"
  "$JAVA_HOME/bin/java" -Dbench.repo=. -Dbench.seconds="${BENCH_SECONDS:-15}" \
    -Dbench.connections="${BENCH_CONNECTIONS:-16}" -Dbench.out="benchmarks/target/run-$i" \
    -Dbench.ingest="${BENCH_INGEST:-true}" -Dbench.pipeline="${BENCH_PIPELINE:-true}" \
    -Dbench.standalone="${BENCH_STANDALONE:-true}" -Dbench.burst="${BENCH_BURST:-3000}" \
    -Dbench.storm="${BENCH_STORM:-10000}" -Dbench.storm-targets="${BENCH_STORM_TARGETS:-500}" \
    -Dbench.scale-out="${BENCH_SCALE_OUT:-true}" -Dbench.port-offset="${BENCH_PORT_OFFSET:-0}" \
    -Dbench.service-opts="${BENCH_SERVICE_OPTS:-}" -Dbench.aot="${BENCH_AOT:-true}" \
    -cp "$cp" io.alertpilot.benchmarks.BenchmarkRun
done
echo "## medians of $runs runs"
"$JAVA_HOME/bin/java" -cp "$cp" io.alertpilot.benchmarks.Medians benchmarks/target
