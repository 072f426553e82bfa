#!/usr/bin/env bash
# The samples as a user's first run: builds flamegate, runs the order service's profiled tests
# (OrderServiceProfiledTest, QuoteExportProfiledTest) and JMH benchmarks (SamplesBenchmarksTest, quick preset) against the
# committed baselines under baselines/, then writes the run report: target/flamegate/index.html,
# summary.json and pr-comment.md. Exits 1 when a sample regressed or failed, 0 otherwise.
#
# Extra arguments go to Maven, e.g.  samples/run-samples.sh -Dsamples.regression=cpu:20
#                                    samples/run-samples.sh -Dflamegate.mode=record   (refresh baselines)
set -uo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -pl samples,cli -am package \
    -Dtest='*ProfiledTest,SamplesBenchmarksTest' -Dsurefire.failIfNoSpecifiedTests=false "$@"
build=$?
if [ ! -f cli/target/flamegate.jar ]; then
  echo "samples: the build failed before the flamegate CLI was packaged (exit $build)" >&2
  exit "$build"
fi
# The report is written whether or not a sample failed: it is what explains the failure.
java -jar cli/target/flamegate.jar report --root samples --out target/flamegate --fail-on-regression
status=$?
[ "$build" -ne 0 ] && status=1
echo
echo "flamegate run index:  $(pwd)/target/flamegate/index.html"
echo "PR comment markdown:  $(pwd)/target/flamegate/pr-comment.md"
echo "per-test artifacts:   $(pwd)/samples/target/flamegate/"
exit "$status"
