package dev.flamegate.ab;

import dev.flamegate.baseline.Baseline;
import dev.flamegate.compare.BaselineComparator;
import dev.flamegate.compare.CompareSettings;
import dev.flamegate.compare.Comparison;
import dev.flamegate.compare.MetricChange;
import dev.flamegate.compare.PairedShift;
import dev.flamegate.compare.Verdict;
import dev.flamegate.measure.Metric;
import dev.flamegate.stats.ModeratedTTest;
import dev.flamegate.stats.ModeratedVariance;
import dev.flamegate.stats.PairedTTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares head with base for one test over the pairs run so far. The time totals are paired: each pair gives
 * the log ratio of head's to base's value (a test's best round, a benchmark's best fork: {@link #sideValue}), and
 * Yuen's trimmed test on those ratios (variance moderated across the run's tests) decides them. Everything else
 * (allocation, call-path shares, new work, trace shape, the attributed frames and the flame diff) is the gate's own
 * comparison of all of head's runs with all of base's; a benchmark's call-path shares are tested over its forks
 * ({@link CompareSettings#pairedForks()}).
 */
final class AbComparator {

    /**
     * The metrics paired by pair: the ones that time the workload, and so the machine; the first present and gated
     * is the primary one, whose answer ends the test's pairs, as it decides the verdict.
     */
    public static final List<String> PAIRED_METRICS = List.of(Metric.SCORE, Metric.CPU_TIME.name(), Metric.WALL_TIME.name());

    private AbComparator() {
    }

    /**
     * What one look at a test concluded.
     *
     * @param comparison head against base
     * @param decided whether more pairs could not change the answer
     * @param base all of base's runs of the test, merged (empty when base never recorded it)
     * @param head all of head's runs of the test, merged (empty when head never recorded it)
     */
    public record Look(Comparison comparison, boolean decided, Optional<Baseline> base, Optional<Baseline> head) {
    }

    /**
     * The per-pair log ratios of {@code metric}, head over base, of the pairs that measured it on both sides, each
     * side summarised by {@link #sideValue}.
     */
    public static double[] logRatios(String metric, List<PairedRuns> pairs) {
        List<Double> ratios = new ArrayList<>();
        for (PairedRuns pair : pairs) {
            Optional<double[]> base = pair.base().metric(metric);
            Optional<double[]> head = pair.head().metric(metric);
            Optional<Metric> kind = pair.head().metricNamed(metric);
            if (base.isEmpty() || head.isEmpty() || kind.isEmpty() || base.get().length == 0 || head.get().length == 0) {
                continue;
            }
            int k = Math.min(base.get().length, head.get().length);
            double ratio = sideValue(head.get(), k, kind.get().better()) - sideValue(base.get(), k, kind.get().better());
            if (Double.isFinite(ratio)) {
                ratios.add(ratio);
            }
        }
        return ratios.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * One side's value of a paired metric in one pair, as a logarithm: its best round among the first {@code k},
     * {@code k} the smaller side's count, so that the side with more rounds does not look faster. On a shared
     * machine time is only ever added (another process, the host taking the CPU, a collection, a fork that ran
     * while the VM was slow), so the best round is the code's own cost. That holds for a test's rounds, which share
     * one JVM, and for a JMH score's forks, one JVM each: on a fixed heap the per-pair ratios vary less with the best
     * fork than with the forks' trimmed mean (BENCHMARKS.md). All rounds still feed
     * the allocation, share and shape comparisons.
     */
    static double sideValue(double[] rounds, int k, Metric.Better better) {
        return Math.log(best(rounds, k, better));
    }

    /** The best of the first {@code k} rounds: the smallest time, or the largest score where higher is better. */
    static double best(double[] rounds, int k, Metric.Better better) {
        double best = rounds[0];
        for (int i = 1; i < k; i++) {
            best = better == Metric.Better.LOWER ? Math.min(best, rounds[i]) : Math.max(best, rounds[i]);
        }
        return best;
    }

    /**
     * The prior of each paired metric from the pair-to-pair variances of all tests of the run, so that a test with
     * few pairs borrows the run's degrees of freedom ({@link ModeratedVariance}).
     */
    public static Map<String, ModeratedVariance> priors(List<List<PairedRuns>> tests) {
        Map<String, ModeratedVariance> priors = new LinkedHashMap<>();
        for (String metric : PAIRED_METRICS) {
            List<Double> variances = new ArrayList<>();
            List<Double> dfs = new ArrayList<>();
            for (List<PairedRuns> pairs : tests) {
                ModeratedTTest.Residual residual = PairedTTest.residual(logRatios(metric, pairs));
                if (residual.df() > 0 && residual.variance() > 0) {
                    variances.add(residual.variance());
                    dfs.add(residual.df());
                }
            }
            priors.put(metric, ModeratedVariance.estimate(variances.stream().mapToDouble(Double::doubleValue).toArray(),
                    dfs.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return priors;
    }

    /**
     * Compares head with base over {@code pairs}.
     *
     * @param confidence each paired metric's interval level (the caller splits its error rate over metrics and looks)
     * @param problems what went wrong for this test on either side, one note each
     */
    public static Look compare(List<PairedRuns> pairs, CompareSettings settings, double sameWithin,
            Map<String, ModeratedVariance> priors, double confidence, List<String> problems) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no complete pair to compare");
        }
        Baseline base = merged(pairs, true);
        Baseline head = merged(pairs, false);
        Map<String, PairedShift> shifts = new LinkedHashMap<>();
        List<String> perPair = new ArrayList<>();
        for (String metric : PAIRED_METRICS) {
            double[] ratios = logRatios(metric, pairs);
            if (ratios.length == 0 || base.metric(metric).isEmpty() || head.metric(metric).isEmpty()) {
                continue;
            }
            ModeratedVariance prior = priors.getOrDefault(metric, ModeratedVariance.NONE);
            shifts.put(metric, new PairedShift(PairedTTest.shift(ratios, prior, confidence), ratios.length,
                    PairedTTest.signedRankPValue(ratios), sameWithin));
            perPair.add(metric + " " + String.join(", ", Arrays.stream(ratios)
                    .mapToObj(r -> String.format(Locale.ROOT, "%+.1f %%", 100 * Math.expm1(r))).toList()));
        }
        // A benchmark's rounds are its forks, each its own JVM: within pairs shared by both sides they are replicates.
        CompareSettings sides = base.metric(Metric.SCORE).isPresent() ? settings.toBuilder().pairedForks(true).build() : settings;
        Comparison compared = BaselineComparator.compare(base, head, sides, shifts);
        long baseFirst = pairs.stream().filter(PairedRuns::baseFirst).count();
        Comparison.Builder notes = compared.toBuilder().note(String.format(Locale.ROOT,
                "A/B: base and head ran side by side on this machine in %d pair%s (base first in %d); time is compared"
                        + " pair by pair (head against base, per pair: %s)",
                pairs.size(), pairs.size() == 1 ? "" : "s", baseFirst, perPair.isEmpty() ? "no time metric" : String.join("; ", perPair)));
        problems.forEach(notes::note);
        Comparison comparison = notes.build();
        return new Look(comparison, decided(comparison, shifts.keySet()), Optional.of(base), Optional.of(head));
    }

    /**
     * Whether more pairs could no longer change the verdict: it is a regression, or the primary paired metric is
     * clearly changed or clearly the same.
     */
    static boolean decided(Comparison comparison, Set<String> paired) {
        if (comparison.verdict() == Verdict.REGRESSION) {
            return true;
        }
        for (String name : PAIRED_METRICS) {
            Optional<MetricChange> primary = comparison.metric(name).filter(m -> m.gated() && paired.contains(name));
            if (primary.isPresent()) {
                return primary.get().status() != MetricChange.Status.UNCERTAIN;
            }
        }
        return true;
    }

    private static Baseline merged(List<PairedRuns> pairs, boolean base) {
        return merged(pairs.stream().map(p -> base ? p.base() : p.head()).toList()).orElseThrow();
    }

    /** {@code runs} of one test as one baseline of as many runs. */
    static Optional<Baseline> merged(List<Baseline> runs) {
        Baseline merged = null;
        for (Baseline run : runs) {
            merged = merged == null ? run : merged.withRun(run, Integer.MAX_VALUE);
        }
        return Optional.ofNullable(merged);
    }
}
