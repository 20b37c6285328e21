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

java_major() { "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print v[1]; exit}'; }
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME" 2>/dev/null || echo 0)" -lt 21 ]; then
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate="${candidate%/}"
    if [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate")" -ge 21 ]; then export JAVA_HOME="$candidate"; break; fi
  done
fi

export JAZZER_FUZZ=1
export JAZZER_MAX_DURATION="$duration"
# coverage feedback from AlertPilot's code and the parsers it hands untrusted bytes to
export JAZZER_INSTRUMENTATION_INCLUDES="io.alertpilot.**:tools.jackson.**:org.yaml.snakeyaml.**"
./mvnw -B ${MVN_OFFLINE:--o} -pl reliability -am test -Dtest="io.alertpilot.reliability.fuzz.$target" \
  -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.redirectTestOutputToFile=false -DtrimStackTrace=false
