#!/usr/bin/env bash
# The fault suite: builds the jars, then runs Kafka's own broker processes (one node; three for leader-loss-3-brokers)
# and the three services' jars under a steady load of alerts, injects each scenario's fault (kill -9, broker restart,
# Kubernetes and PagerDuty errors, a kill inside an action's window, the brokers cut off, two replicas racing, the
# partition leader killed), and prints the counts per scenario; first, a storm of alerts in Alertmanager's groups over
# remediation's rate limit. Exits 1 when a scenario lost an acknowledged alert, acted or paged twice, or left a human
# untold. FAULTS_SECONDS (load per scenario, default 12), FAULTS_RATE (alerts/s, default 6), FAULTS_CUT_OFF (seconds
# the brokers are unreachable, default 30), FAULTS_STORM_PER_TARGET (the storm's alerts per Deployment, of 100; default
# 20). Not in the test command (FaultSuiteIT runs a shorter version).
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
./mvnw -q -B ${MVN_OFFLINE:-} -pl reliability -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
cp="reliability/target/classes:$(cat reliability/target/classpath.txt)"
"$JAVA_HOME/bin/java" -Dfaults.repo=. -Dfaults.cp="$cp" -Dfaults.seconds="${FAULTS_SECONDS:-12}" \
  -Dfaults.rate="${FAULTS_RATE:-6}" -Dfaults.cut-off="${FAULTS_CUT_OFF:-30}" \
  -Dfaults.storm-per-target="${FAULTS_STORM_PER_TARGET:-20}" -cp "$cp" \
  io.alertpilot.reliability.faults.FaultSuite
