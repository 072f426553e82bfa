#!/usr/bin/env bash
# Side-by-side cost of @ProfiledTest (default settings) vs the same invocations run plainly, in one JVM.
# Usage: scripts/junit-overhead.sh [pairs [key=value...]]   (default 7 pairs; key=value: configuration
# parameters such as flamegate.profiler.interval=2ms). Prints one line per pair and the medians.
#        scripts/junit-overhead.sh --sampling [repetitions]   async-profiler's sampling cost alone (SamplingCost).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl harness,junit-extension test-compile org.apache.maven.plugins:maven-dependency-plugin:3.6.1:build-classpath -Dmdep.outputFile=target/cp.txt
cd junit-extension
run() {
  java -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
    -cp "target/test-classes:target/classes:$(cat target/cp.txt)" "$@" 2>/dev/null | grep -v '^flamegate'
}
if [ "${1:-}" = --sampling ]; then
  run dev.flamegate.junit.bench.SamplingCost "${2:-8}"
else
  run dev.flamegate.junit.bench.OverheadMeasurement "${1:-7}" "${@:2}"
fi
