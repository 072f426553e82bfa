#!/usr/bin/env bash
# Compares the pairs an A/B experiment recorded (samples/ab-experiment.sh) again with the current flamegate, each
# run alone and, for more pairs per comparison, runs joined JOIN at a time (runs 1..JOIN, then the next JOIN, …, per
# head): the pairs were measured the same way, so k runs of n pairs are k × n pairs side by side. Prints one row per
# comparison: head, runs, pairs, verdict, the paired score or cpu.time, and the regressed metric.
# Usage: samples/ab-recompare.sh EXPERIMENT_DIR [EXPERIMENT_DIR…]   (AB_JOIN, default 2, runs per joined comparison;
#        the runs of several experiments, e.g. one continued with AB_FIRST_RUN, are taken together; builds
#        cli/target/flamegate.jar first; writes under the first EXPERIMENT_DIR's recompared/)
set -euo pipefail
join="${AB_JOIN:-2}"
experiments=()
for dir in "$@"; do experiments+=("$(cd "$dir" && pwd)"); done
experiment="${experiments[0]}"
root="$(cd "$(dirname "$0")/.." && pwd)"
(cd "$root" && mvn -B -ntp -q -o -pl cli -am package -DskipTests)
jar="$root/cli/target/flamegate.jar"
work="$experiment/recompared"
rm -rf "$work"
mkdir -p "$work"
compare() { # DIR LABEL
  java -jar "$jar" ab --recorded "$1" --out "$1" > "$1.log" 2>&1 || true
  python3 - "$1" "$2" <<'PY'
import glob, json, sys
out, label = sys.argv[1:]
pairs = json.load(open(out + "/ab.json"))["pairs"]
for path in sorted(glob.glob(out + "/results/**/result.json", recursive=True)):
    d = json.load(open(path))
    time = next((m for m in d["metrics"] if m["name"] in ("score", "cpu.time")), None)
    regressed = [m["name"] for m in d["metrics"] if m.get("status") == "REGRESSED"]
    shown = "" if time is None else "%+.1f %% (%+.1f…%+.1f %%)" % tuple(100 * (v if v is not None else float("nan"))
                                                                    for v in (time["relativeChange"], time.get("ciLower"), time.get("ciUpper")))
    print("\t".join([label, str(pairs), d["id"].split(".")[-1], d["verdict"], shown, ",".join(regressed)]))
PY
}
printf 'head\truns\tpairs\ttest\tverdict\ttime\tregressed\n'
for head in same slower; do
  runs=()
  for dir in "${experiments[@]}"; do
    for out in "$dir"/out/"$head"-*; do
      [[ -d "$out" ]] || continue
      run="${out##*-}"
      cp -r "$out" "$work/$head-$run"
      runs+=("$run")
    done
  done
  runs=($(printf '%s\n' "${runs[@]}" | sort -n))
  for run in "${runs[@]}"; do
    compare "$work/$head-$run" "$head	$run"
  done
  for ((i = 0; i + join <= ${#runs[@]}; i += join)); do
    group=("${runs[@]:i:join}")
    dir="$work/$head-joined-$(IFS=+; echo "${group[*]}")"
    python3 - "$work" "$head" "$dir" "${group[@]}" <<'PY'
import json, os, shutil, sys
out, head, target = sys.argv[1:4]
runs = sys.argv[4:]
os.makedirs(target + "/pairs")
joined = {"seed": 0, "pairs": 0, "stopped": "joined runs " + "+".join(runs), "seconds": 0, "runs": []}
for run in runs:
    source = "%s/%s-%s" % (out, head, run)
    record = json.load(open(source + "/ab.json"))
    offset = joined["pairs"]
    for pair in range(1, record["pairs"] + 1):
        shutil.copytree("%s/pairs/pair-%02d" % (source, pair), "%s/pairs/pair-%02d" % (target, pair + offset))
    for side in record["runs"]:
        side = dict(side, pair=side["pair"] + offset, log="pairs/pair-%02d/%s/run.log" % (side["pair"] + offset, side["side"]))
        joined["runs"].append(side)
    joined["pairs"] += record["pairs"]
    joined["seconds"] += record["seconds"]
json.dump(joined, open(target + "/ab.json", "w"), indent=2)
PY
    compare "$dir" "$head	$(IFS=+; echo "${group[*]}")"
  done
done
