#!/usr/bin/env bash
# What the CPU sampling interval costs the measured code: runs one profiled test of the samples in fresh
# JVMs (record mode, into a scratch directory) at each interval and prints, per run, the median CPU time
# per invocation over its rounds, the slowest round and how many rounds were over 1.5 x the run's median.
# Usage: samples/interval-cost.sh [RUNS [TEST [INTERVAL...]]]
#        (default: 4 runs of OrderServiceProfiledTest#rendersQuoteDocuments at 100us and 1ms)
set -euo pipefail
RUNS="${1:-4}"
TEST="${2:-OrderServiceProfiledTest#rendersQuoteDocuments}"
shift $(( $# > 2 ? 2 : $# ))
INTERVALS=("$@")
[ ${#INTERVALS[@]} -eq 0 ] && INTERVALS=(100us 1ms)
cd "$(dirname "$0")/.."
mvn -B -q -pl samples -am test-compile
mvn -B -q -pl samples dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
cd samples
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
for run in $(seq 1 "$RUNS"); do
  for interval in "${INTERVALS[@]}"; do
    dir="$scratch/$interval-$run"
    java -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
      -cp "target/test-classes:target/classes:$(cat target/cp.txt)" \
      -Dflamegate.mode=record -Dflamegate.output.dir="$dir/out" -Dflamegate.baselines.dir="$dir/baselines" \
      -Dflamegate.profiler.interval="$interval" dev.flamegate.samples.e2e.ProfiledTestMain "$TEST" > "$dir.log" 2>&1 || true
    python3 - "$interval" "$run" "$dir"/baselines/*/baseline.json <<'PY'
import json, statistics, sys
interval, run, path = sys.argv[1], sys.argv[2], sys.argv[3]
cpu = next(m["values"] for m in json.load(open(path))["metrics"] if m["name"] == "cpu.time")
median = statistics.median(cpu)
slow = sum(1 for v in cpu if v > 1.5 * median)
print(f"interval {interval:>6} run {run}: cpu.time median {median / 1e3:8.1f} us/op, slowest round {max(cpu) / median:4.1f} x, "
      f"rounds > 1.5 x median: {slow} of {len(cpu)}")
PY
  done
done
