#!/usr/bin/env bash
# Same-runner A/B experiment (see BENCHMARKS.md): in a scratch clone, head is either base with a comment changed
# ("same") or base with QuoteExporter's checksum made slower by 10 % of the export test's CPU ("slow10", a real
# code change: the default of samples.regression becomes slow:10). For each of RUNS rounds and each head, runs
#   flamegate ab --base base -- mvn ... -Dtest=QuoteExportProfiledTest
# and, beside it, the committed-baseline gate (verify against the repository's baselines) on the same head.
# Usage: samples/ab-experiment.sh [RUNS] [extra flamegate ab options]   (about 12 min per RUNS here)
# AB_TEST (default QuoteExportProfiledTest) and AB_CHANGE (default slow:10) pick the test and the slowdown, e.g.
# AB_FIRST_RUN numbers the runs (and seeds) from another start, to add runs to an earlier table; AB_SIDE_ARGS adds
# Maven arguments to every side and gate run, e.g. one benchmark:
#   AB_TEST=SamplesBenchmarksTest AB_CHANGE=slow:10 \
#   AB_SIDE_ARGS=-Dflamegate.only=dev.flamegate.samples.PricingBenchmark.renderQuotes samples/ab-experiment.sh 10 --max-pairs 4
set -euo pipefail
RUNS="${1:-10}"
TEST="${AB_TEST:-QuoteExportProfiledTest}"
CHANGE="${AB_CHANGE:-slow:10}"
shift || true
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${AB_EXPERIMENT_DIR:-$root/samples/target/ab-experiment}"
rm -rf "$work"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
(cd "$root" && mvn -B -ntp -q -o -pl cli -am package -DskipTests)
cp "$root/cli/target/flamegate.jar" "$work/flamegate.jar"
git clone -q "$root" "$work/repo"
cd "$work/repo"
git checkout -q -b base
git -c user.name=experiment -c user.email=experiment@localhost commit -q --allow-empty -m base
git checkout -q -b same base
sed -i 's|^package dev.flamegate.samples;|package dev.flamegate.samples;\n// unchanged behaviour|' samples/src/main/java/dev/flamegate/samples/QuoteExporter.java
git -c user.name=experiment -c user.email=experiment@localhost commit -q -am "same work, another comment"
git checkout -q -b slower base
sed -i "s|parse(System.getProperty(PROPERTY))|parse(System.getProperty(PROPERTY, \"$CHANGE\"))|" \
    samples/src/main/java/dev/flamegate/samples/RegressionSwitch.java
grep -q "\"$CHANGE\"" samples/src/main/java/dev/flamegate/samples/RegressionSwitch.java
git -c user.name=experiment -c user.email=experiment@localhost commit -q -am "slower: $CHANGE"
(mvn -B -ntp -q -o install -DskipTests > "$work/install.log" 2>&1)

# The modules samples depends on are the same on every branch and installed above.
side=(mvn -B -ntp -q -o -pl samples test "-Dtest=$TEST" -Dsurefire.failIfNoSpecifiedTests=false
      -Dsamples.gate.excludes=none ${AB_SIDE_ARGS:-})
mkdir -p "$work/out"
table="$work/runs.tsv"
printf 'run\thead\ttest\tab_verdict\tab_time\tab_interval\tab_time_status\tab_pairs\tab_seconds\tgate_verdict\tgate_time\n' > "$table"
for run in $(seq "${AB_FIRST_RUN:-1}" $(( ${AB_FIRST_RUN:-1} + RUNS - 1 ))); do
  for head in same slower; do
    git checkout -q "$head"
    out="$work/out/$head-$run"
    start=$(date +%s)
    java -jar "$work/flamegate.jar" ab --base base --seed "$run" --out "$out" "$@" -- "${side[@]}" > "$out.log" 2>&1 || true
    seconds=$(( $(date +%s) - start ))
    rm -rf samples/target/flamegate
    "${side[@]}" > "$out.gate.log" 2>&1 || true
    python3 - "$out" "$table" "$run" "$head" "$seconds" <<'PY'
import glob, json, sys
out, table, run, head, seconds = sys.argv[1:]
def num(value):
    return float("nan") if value is None else value
def time(d):
    for m in d.get("metrics", []):
        if m.get("name") in ("cpu.time", "score"):
            return ("%+.1f %%" % (100 * m["relativeChange"]),
                    "%+.1f…%+.1f %%" % (100 * num(m.get("ciLower")), 100 * num(m.get("ciUpper"))),
                    m.get("status", ""))
    return ("", "", "")
def results(pattern):
    found = {}
    for path in glob.glob(pattern, recursive=True):
        try:
            d = json.load(open(path))
        except (OSError, ValueError):
            continue
        found[d["id"]] = (d["verdict"],) + time(d)
    return found
ab = results(out + "/results/**/result.json")
pairs = json.load(open(out + "/ab.json"))["pairs"] if glob.glob(out + "/ab.json") else 0
gate = results("samples/target/flamegate/**/result.json")
with open(table, "a") as f:
    for test in sorted(set(ab) | set(gate)):
        a = ab.get(test, ("missing", "", "", ""))
        g = gate.get(test, ("missing", "", "", ""))
        f.write("\t".join([run, head, test.split(".")[-1], a[0], a[1], a[2], a[3], str(pairs), seconds, g[0], g[1]]) + "\n")
PY
    tail -n +2 "$table" | grep "^$run	$head	" || true
  done
done
echo "table: $table"
