#!/usr/bin/env bash
# Times `flamegate diff` on two large collapsed profiles, whole process (JVM start included), and reports its peak
# memory (max RSS). Input: SyntheticProfiles.pair(100_000, 42) written as collapsed text (see BENCHMARKS.md).
# Usage: scripts/diff-speed.sh [RUNS]   (default 5; builds the harness first)
set -euo pipefail
runs="${1:-5}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/harness/target/diff-speed"
mkdir -p "$work"
(cd "$root" && mvn -B -ntp -q -o -pl cli -am test-compile package -DskipTests)
cp="$root/harness/target/test-classes:$root/cli/target/flamegate.jar"
if [[ ! -f "$work/before.collapsed" ]]; then
  java -cp "$cp" dev.flamegate.flame.bench.WriteSyntheticProfiles "$work"
fi
ls -l "$work"/*.collapsed
printf 'run\tseconds\tmax_rss_mb\n'
for run in $(seq 1 "$runs"); do
  /usr/bin/time -f '%e %M' -o "$work/time.txt" java -jar "$root/cli/target/flamegate.jar" diff \
      "$work/before.collapsed" "$work/after.collapsed" -o "$work/diff.html" > /dev/null
  read -r seconds kb < "$work/time.txt"
  printf '%s\t%s\t%s\n' "$run" "$seconds" "$(( kb / 1024 ))"
done
sha256sum "$work/diff.html"
