#!/usr/bin/env bash
# The soak: builds the jars, then runs the fault suite's live set-up (Kafka's broker and the three services' jars as
# processes, Kubernetes and PagerDuty fakes) under a steady load for SOAK_MINUTES (default 60) at SOAK_RATE alerts/s
# (default 10), with a fault every SOAK_FAULT_EVERY (default 5m; 90s, 5m, 1h), cycling through kill -9 of each
# service, a broker restart, Kubernetes API 503s and PagerDuty 429/500s. Prints a row per minute (counts, memory, open
# files, threads, consumer lag) and a summary, also written to reliability/target/soak-<time>.txt. Exits 1 when an
# alert was lost, an action or page duplicated, or a page missing. Ctrl-C stops every process it started. Not in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
./mvnw -q -B ${MVN_OFFLINE:-} -pl reliability -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
cp="reliability/target/classes:$(cat reliability/target/classpath.txt)"
exec "$JAVA_HOME/bin/java" -Dlogback.configurationFile=reliability/target/classes/logback-soak.xml \
  -Dsoak.repo=. -Dsoak.cp="$cp" -Dsoak.minutes="${SOAK_MINUTES:-60}" -Dsoak.rate="${SOAK_RATE:-10}" \
  -Dsoak.fault-every="${SOAK_FAULT_EVERY:-5m}" -cp "$cp" io.alertpilot.reliability.faults.Soak
