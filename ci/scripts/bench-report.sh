#!/usr/bin/env bash
# Measures `flamegate report` over N result.json files (default 1,000) spread over four modules, as a
# multi-module build leaves them: one JVM start, scan, read, and writing summary.json, index.html and
# pr-comment.md. Every tenth result is a regression with frames, findings and a shape diff.
#
#   mvn -B -q -pl cli -am package -DskipTests && ci/scripts/bench-report.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-1000}"
jar=cli/target/flamegate.jar
sample=harness/src/test/resources/report/regression-result.json
[ -f "$jar" ] || { echo "build the CLI first: mvn -B -q -pl cli -am package -DskipTests" >&2; exit 2; }
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
verdicts=(REGRESSION PASS PASS IMPROVEMENT INCONCLUSIVE PASS PASS PASS PASS PASS)
for ((i = 0; i < n; i++)); do
  id="com.acme.Load$i#test"
  d="$dir/module$((i % 4))/target/flamegate/$id"
  mkdir -p "$d"
  sed -e "s/\"id\" : \"[^\"]*\"/\"id\" : \"$id\"/" \
      -e "s/\"verdict\" : \"REGRESSION\"/\"verdict\" : \"${verdicts[$((i % 10))]}\"/" "$sample" > "$d/result.json"
done
# As the workflows run it: C1 only and the serial collector, the cheapest JVM for a run of seconds.
for flags in "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" "(default JVM flags)"; do
  jvm_flags=()
  [ "$flags" = "(default JVM flags)" ] || read -r -a jvm_flags <<< "$flags"
  timing="$( { /usr/bin/time -f '%e s wall, %U s user + %S s sys CPU, %M KiB max RSS' \
    java "${jvm_flags[@]}" -jar "$jar" report --root "$dir" --out "$dir/report" \
    --artifact-url "https://github.com/acme/shop/actions/runs/1" >/dev/null; } 2>&1 )"
  echo "flamegate report over $n results, $flags: $timing (load average $(cut -d' ' -f1 /proc/loadavg))"
done
echo "outputs: pr-comment.md $(wc -m < "$dir/report/pr-comment.md") chars, summary.json $(wc -c < "$dir/report/summary.json") bytes," \
  "index.html $(wc -c < "$dir/report/index.html") bytes"
