#!/usr/bin/env bash
# Times `flamegate diff` on two large collapsed profiles, whole process (JVM start included), and reports its peak
# memory (max RSS), started as `java -jar` and by the launcher cli/bin/flamegate. Input: SyntheticProfiles.pair(100_000, 42) written as collapsed text (see BENCHMARKS.md).
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
# Alternating: `java -jar` with the JVM's defaults, then the launcher cli/bin/flamegate (C1 only, serial collector).
printf 'run\tjava_-jar_seconds\tmax_rss_mb\tcli/bin/flamegate_seconds\tmax_rss_mb\n'
for run in $(seq 1 "$runs"); do
  row="$run"
  for launcher in "java -jar $root/cli/target/flamegate.jar" "$root/cli/bin/flamegate"; do
    # shellcheck disable=SC2086 # the launcher is a command with its arguments
    /usr/bin/time -f '%e %M' -o "$work/time.txt" $launcher diff \
        "$work/before.collapsed" "$work/after.collapsed" -o "$work/diff.html" > /dev/null
    read -r seconds kb < "$work/time.txt"
    row="$row\t$seconds\t$(( kb / 1024 ))"
    sha256sum "$work/diff.html" | cut -c1-16 >> "$work/pages.txt"
  done
  printf '%b\n' "$row"
done
echo "distinct pages written: $(sort -u "$work/pages.txt" | wc -l)"
rm -f "$work/pages.txt"
sha256sum "$work/diff.html"
