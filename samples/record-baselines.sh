#!/usr/bin/env bash
# Re-records the samples' committed baselines under baselines/ the way flamegate recommends: RUNS fresh
# JVM runs (default 5) of the profiled tests and benchmarks, the first with -Dflamegate.mode=record, the
# others with -Dflamegate.mode=append, so that each baseline measures how much whole runs differ (JIT,
# heap layout, machine) instead of assuming it. Run it on the kind of machine CI runs on, quiet.
# Usage: samples/record-baselines.sh [RUNS] [extra Maven arguments]   (the committed ones: 10 runs, for the lock
#        path, whose contention differs between JVMs more than the other paths' costs; see BENCHMARKS.md)
set -euo pipefail
RUNS="${1:-5}"
shift || true
cd "$(dirname "$0")/.."
for run in $(seq 1 "$RUNS"); do
  mode=append
  [ "$run" = 1 ] && mode=record
  echo "==> baseline run $run of $RUNS ($mode)"
  mvn -B -ntp -q -pl samples -am test -Dtest='*ProfiledTest,SamplesBenchmarksTest' \
      -Dsurefire.failIfNoSpecifiedTests=false -Dflamegate.mode="$mode" -Dflamegate.baselineRuns="$RUNS" "$@"
done
echo "baselines: $(pwd)/baselines (review and commit)"
