#!/usr/bin/env bash
# Detection experiment (see BENCHMARKS.md): records five-run baselines of the samples' profiled tests
# (OrderServiceProfiledTest, QuoteExportProfiledTest), then runs them unchanged and with each injected regression (cpu:5/10/20/50 on
# the CPU path, slow:5/10/20 on the quote export, alloc, lock, nplus1), RUNS times each (default 20), interleaved, each a fresh JVM, and prints detection and
# false-alarm rates beside a plain wall-clock gate.
# Usage: samples/detection-experiment.sh [RUNS] [Maven arguments]   (5 baseline runs, then 11 conditions × RUNS runs; about
#        90 s per RUNS here), e.g. samples/detection-experiment.sh 20 -Dsamples.experiment.baselineRuns=10
set -euo pipefail
RUNS="${1:-20}"
shift || true
cd "$(dirname "$0")/.."
mvn -B -q -pl samples -am test -Dtest=DetectionExperiment -Dsurefire.failIfNoSpecifiedTests=false \
    -Dsamples.experiment.runs="$RUNS" "$@"
echo "table: samples/target/detection-experiment.md  log: samples/target/detection-experiment.log"
