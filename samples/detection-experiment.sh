#!/usr/bin/env bash
# Detection experiment (see BENCHMARKS.md): records a five-run baseline of the CPU-path profiled test
# (OrderServiceProfiledTest#quotesOrders), then runs it unchanged and with an injected 5/10/20/50 % CPU
# regression, RUNS times each (default 20), interleaved, each a fresh JVM, and prints detection and
# false-alarm rates beside a plain wall-clock gate.
# Usage: samples/detection-experiment.sh [RUNS]     (about 15 s per run here: 5 + 5 × RUNS runs)
set -euo pipefail
RUNS="${1:-20}"
cd "$(dirname "$0")/.."
mvn -B -q -pl samples -am test -Dtest=DetectionExperiment -Dsurefire.failIfNoSpecifiedTests=false \
    -Dsamples.experiment.runs="$RUNS"
echo "table: samples/target/detection-experiment.md  log: samples/target/detection-experiment.log"
