#!/usr/bin/env bash
# Detection experiment (see BENCHMARKS.md): runs the CPU-path profiled test unchanged and with an injected
# 5/10/20/50 % CPU regression, RUNS times each (default 20), each a fresh child Maven build against the
# committed baselines, and prints detection and false-alarm rates beside a plain wall-clock gate.
# Usage: samples/detection-experiment.sh [RUNS]     (about 30 s per run here: 5 × RUNS runs)
set -euo pipefail
RUNS="${1:-20}"
cd "$(dirname "$0")/.."
mvn -B -q -o -pl samples -am test-compile
mvn -B -q -o -pl samples -am surefire:test -Dtest=DetectionExperiment -Dsurefire.failIfNoSpecifiedTests=false \
    -Dsamples.experiment.runs="$RUNS"
echo "table: samples/target/detection-experiment.md  log: samples/target/detection-experiment.log"
