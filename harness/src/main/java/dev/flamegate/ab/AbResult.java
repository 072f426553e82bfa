package dev.flamegate.ab;

import dev.flamegate.compare.Comparison;
import dev.flamegate.compare.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;

/**
 * What an A/B run found.
 *
 * @param tests one per test or benchmark either side ran: head against base, with both sides' runs merged
 * @param runs every side run, in the order they ran
 * @param selected per pair, the tests it was asked to run (empty: all)
 * @param stopReason why no further pair ran
 * @param seed the run order's seed
 * @param took how long the pairs took
 */
public record AbResult(List<AbComparator.Look> tests, List<SideRun> runs, Map<Integer, Set<String>> selected, String stopReason, long seed, Duration took) {

    public AbResult {
        tests = List.copyOf(tests);
        runs = List.copyOf(runs);
        selected = Map.copyOf(selected);
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(took, "took");
    }

    /** How many pairs ran (some with only the unclear tests). */
    public int pairs() {
        return runs.stream().mapToInt(SideRun::pair).max().orElse(0);
    }

    /** Head against base, one per test. */
    public List<Comparison> comparisons() {
        return tests.stream().map(AbComparator.Look::comparison).toList();
    }

    /** How many comparisons ended with {@code verdict}. */
    public long count(Verdict verdict) {
        return comparisons().stream().filter(c -> c.verdict() == verdict).count();
    }
}
