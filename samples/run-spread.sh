#!/usr/bin/env bash
# How far fresh-JVM runs of the samples' profiled tests stray from the committed baselines (BENCHMARKS.md):
# RUNS child JVMs (default 10), each recording one-run baselines of OrderServiceProfiledTest into
# samples/target/run-spread/NN, then per test and metric each run's mean relative to the committed baseline.
# Usage: samples/run-spread.sh [RUNS]      (about 35 s per run here; run it on a quiet machine)
set -euo pipefail
RUNS="${1:-10}"
cd "$(dirname "$0")/.."
mvn -B -q -ntp -pl samples -am test-compile
mvn -B -q -ntp -pl samples dependency:build-classpath -Dmdep.outputFile="$(pwd)/samples/target/cp.txt" -Dmdep.includeScope=test
CP="samples/target/test-classes:samples/target/classes:harness/target/classes:$(cat samples/target/cp.txt)"
OUT=samples/target/run-spread
rm -rf "$OUT" && mkdir -p "$OUT"
for k in $(seq -w 1 "$RUNS"); do
  java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints -cp "$CP" -Dflamegate.mode=record \
      -Dflamegate.baselines.dir="$OUT/$k" -Dflamegate.output.dir="$OUT/out-$k" \
      dev.flamegate.samples.e2e.ProfiledTestMain OrderServiceProfiledTest > "$OUT/log-$k.txt" 2>&1
  echo "run $k of $RUNS done"
done
rm -rf "$OUT"/out-* 
java -cp "$CP" dev.flamegate.samples.e2e.RunSpread baselines "$OUT"
