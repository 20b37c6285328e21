#!/usr/bin/env bash
# Fuzzes one target for a while (Jazzer's fuzzing mode). Usage:
#   reliability/fuzz.sh <Class#method> [duration, default 10m]
# e.g. reliability/fuzz.sh NormalizerFuzzTest#alertmanager 10m
# Targets: NormalizerFuzzTest#alertmanager, #azureMonitor, #generic; PlaybookFuzzTest#loadAndPlan;
#          TemplateFuzzTest#substitute; PolicyFuzzTest#parse.
# Inputs that grow coverage are kept in reliability/.cifuzz-corpus/<Class>/<method>; a finding is written to
# reliability/src/test/resources/io/alertpilot/reliability/fuzz/<Class>Inputs/<method>/crash-<sha1> (it then runs
# in the normal test command as a regression input) and the run fails.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: reliability/fuzz.sh <Class#method> [duration]}"
duration="${2:-10m}"

. .ci/java-home.sh

export JAZZER_FUZZ=1
export JAZZER_MAX_DURATION="$duration"
# coverage feedback from AlertPilot's code and the parsers it hands untrusted bytes to
export JAZZER_INSTRUMENTATION_INCLUDES="io.alertpilot.**:tools.jackson.**:org.snakeyaml.engine.**"
./mvnw -B ${MVN_OFFLINE:--o} -pl reliability -am test -Dtest="io.alertpilot.reliability.fuzz.$target" \
  -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.redirectTestOutputToFile=false -DtrimStackTrace=false
