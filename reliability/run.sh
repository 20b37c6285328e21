#!/usr/bin/env bash
# The fault suite: builds the jars, then runs a real Kafka broker process and the ingest service's jar under a steady
# load of alerts, kills and restarts them, and prints the counts per scenario. Exits 1 when an acknowledged alert was
# lost. FAULTS_SECONDS (load per scenario, default 10), FAULTS_RATE (alerts/s, default 50). Not in the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
./mvnw -q -B ${MVN_OFFLINE:-} -pl reliability -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
cp="reliability/target/classes:$(cat reliability/target/classpath.txt)"
"$JAVA_HOME/bin/java" -Dfaults.repo=. -Dfaults.cp="$cp" -Dfaults.seconds="${FAULTS_SECONDS:-12}" \
  -Dfaults.rate="${FAULTS_RATE:-6}" -cp "$cp" io.alertpilot.reliability.faults.FaultSuite
