#!/usr/bin/env bash
# Side-by-side cost of @ProfiledTest (default settings) vs the same invocations run plainly, in one JVM.
# Usage: scripts/junit-overhead.sh [pairs]   (default 7). Prints one line per pair and the medians.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl harness,junit-extension test-compile org.apache.maven.plugins:maven-dependency-plugin:3.6.1:build-classpath -Dmdep.outputFile=target/cp.txt
cd junit-extension
java -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
  -cp "target/test-classes:target/classes:$(cat target/cp.txt)" \
  dev.flamegate.junit.bench.OverheadMeasurement "${1:-7}" | grep -v '^flamegate'
