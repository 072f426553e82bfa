package dev.flamegate.stats;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Yuen's trimmed-means test (Yuen 1974; Wilcox, <i>Introduction to Robust Estimation</i>, ch. 5): Welch's
 * t-test on 20 %-trimmed means with winsorised variances, extended by a between-run noise floor.
 *
 * <p>Why this test: round-level values are few (5–20 per side) and sometimes contain an outlier round
 * (a JIT recompilation, a neighbour process). Trimming 20 % of each end makes one bad round in five
 * neither a false alarm nor a hidden regression, while keeping a t-statistic whose p-values are not
 * bounded below the way exact rank tests are (5 vs 5 rounds: p ≥ 0.008 for Mann-Whitney).
 *
 * <p>Between-run noise: rounds of one run share its JIT decisions, heap layout and machine load, so
 * their spread understates how much two runs of unchanged code differ. The standard error therefore
 * adds {@code 2 * noiseFloor^2} (one run offset per side) to Yuen's within-run variance:
 * {@code SE^2 = d_before + d_after + 2 * floor^2}, where {@code d = (n - 1) s_w^2 / (h (h - 1))},
 * {@code s_w^2} the winsorised variance and {@code h} the number of values left after trimming. More
 * rounds shrink only the first two terms: a single run pair can never resolve shifts much below
 * {@code t * sqrt(2) * floor}.
 */
public final class YuenTest {

    private YuenTest() {
    }

    /**
     * Tests the relative shift of positive values (times, bytes): runs on natural logarithms, so the
     * estimate is {@code log(after / before)} and {@code noiseFloor} is a relative standard deviation
     * (0.02 = 2 % between runs).
     */
    public static ShiftEstimate relative(double[] before, double[] after, double noiseFloor, double confidence) {
        return absolute(RobustStatistics.logs(before), RobustStatistics.logs(after), noiseFloor, confidence);
    }

    /**
     * Tests the shift of values on their own scale (e.g. shares), with {@code noiseFloor} the standard
     * deviation of a run's offset in the same unit.
     *
     * @param confidence level of the two-sided interval, in (0, 1)
     */
    public static ShiftEstimate absolute(double[] before, double[] after, double noiseFloor, double confidence) {
        checkConfidence(confidence);
        if (noiseFloor < 0) {
            throw new IllegalArgumentException("noise floor must not be negative, was " + noiseFloor);
        }
        if (before.length == 0 || after.length == 0) {
            return ShiftEstimate.undefined(Double.NaN, confidence);
        }
        double estimate = RobustStatistics.trimmedMean(after) - RobustStatistics.trimmedMean(before);
        if (before.length < 2 || after.length < 2) {
            return ShiftEstimate.undefined(estimate, confidence);
        }
        double dBefore = squaredError(before);
        double dAfter = squaredError(after);
        double floorVariance = 2 * noiseFloor * noiseFloor;
        double variance = dBefore + dAfter + floorVariance;
        double hBefore = before.length - 2.0 * RobustStatistics.trimCount(before.length);
        double hAfter = after.length - 2.0 * RobustStatistics.trimCount(after.length);
        double df;
        double within = dBefore + dAfter;
        if (within <= 0) {
            // Identical rounds on both sides: only the floor is uncertain; treat it as well known.
            df = Math.max(1, before.length + after.length - 2);
        } else {
            df = within * within / (dBefore * dBefore / Math.max(1, hBefore - 1) + dAfter * dAfter / Math.max(1, hAfter - 1));
            // The floor term is a fixed, known variance: it adds degrees of freedom in proportion to its weight.
            df = df * variance * variance / (within * within);
            df = Math.min(df, 1e6);
        }
        return interval(estimate, variance, df, confidence);
    }

    /**
     * As {@link #relative}, against a baseline recorded in several runs (one array of round values per
     * run, each run a separate JVM); see {@link #absoluteAgainstRuns}.
     */
    public static ShiftEstimate relativeAgainstRuns(double[][] beforeRuns, double[] after, double noiseFloor,
            double confidence) {
        return relativeAgainstRuns(beforeRuns, after, noiseFloor, confidence, RunTails.NORMAL);
    }

    /** As {@link #relativeAgainstRuns(double[][], double[], double, double)} under the given model of run-to-run tails. */
    public static ShiftEstimate relativeAgainstRuns(double[][] beforeRuns, double[] after, double noiseFloor,
            double confidence, RunTails tails) {
        double[][] logs = new double[beforeRuns.length][];
        for (int i = 0; i < logs.length; i++) {
            logs[i] = RobustStatistics.logs(beforeRuns[i]);
        }
        return absoluteAgainstRuns(logs, RobustStatistics.logs(after), noiseFloor, confidence, tails);
    }

    /**
     * How heavy the tails of run-to-run differences are taken to be when a baseline holds several runs.
     *
     * <p>{@link #NORMAL}: run means are normal, so {@code K} runs give {@code t} with {@code K - 1} degrees
     * of freedom, and runs that agree to within the floor make the floor a known variance. Right for
     * counts that the machine does not change (allocated bytes, spans).
     *
     * <p>{@link #HEAVY}: for time, whose fresh-JVM modes a handful of runs rarely all show (measured in
     * docs/verdicts-and-baselines.md): {@code t} with at most {@value #HEAVY_TAIL_DF} degrees of freedom however
     * many runs there are, and the floor never taken as known: more runs narrow the spread's estimate, not the
     * tails' weight.
     */
    public enum RunTails {
        NORMAL, HEAVY
    }

    /** The degrees of freedom of the heaviest-tailed prediction, {@link RunTails#HEAVY}. */
    public static final int HEAVY_TAIL_DF = 3;

    /**
     * Tests the rounds of one new run against a baseline recorded in several runs. With one baseline
     * run this is {@link #absolute}. With {@code K >= 2} runs the between-run spread is measured instead
     * of assumed: the baseline's estimate is the mean of its runs' trimmed means, and a run's mean is
     * taken to vary between runs by the larger of the runs' observed standard deviation {@code s} and the
     * configured floor plus the run's own within-run error. Hence
     * {@code SE^2 = max(s^2, floor^2 + d_after) + max(s^2, floor^2 + mean d_run) / K}, with {@code K - 1}
     * degrees of freedom: the prediction interval of one more run, exact for normal run means. When even
     * the 95 % upper bound of the runs' spread, {@code (K - 1) s^2 / chi2_{0.05, K-1}}, is below the floor
     * (plus the runs' own error),
     * the floor is taken as known and the degrees of freedom come from the rounds instead (a deterministic
     * metric such as allocated bytes then resolves a few percent instead of the ±15 % that {@code t} with
     * four degrees of freedom on the floor would give). This is what keeps unchanged code from failing
     * when JIT decisions, heap layout or the machine make whole runs faster or slower than their rounds
     * suggest; the price is honest, wider intervals when runs really differ.
     */
    public static ShiftEstimate absoluteAgainstRuns(double[][] beforeRuns, double[] after, double noiseFloor,
            double confidence) {
        return absoluteAgainstRuns(beforeRuns, after, noiseFloor, confidence, RunTails.NORMAL);
    }

    /** As {@link #absoluteAgainstRuns(double[][], double[], double, double)} under the given model of run-to-run tails. */
    public static ShiftEstimate absoluteAgainstRuns(double[][] beforeRuns, double[] after, double noiseFloor,
            double confidence, RunTails tails) {
        double[][] runs = withValues(beforeRuns);
        if (runs.length < 2) {
            return absolute(runs.length == 0 ? new double[0] : runs[0], after, noiseFloor, confidence);
        }
        checkConfidence(confidence);
        if (after.length == 0) {
            return ShiftEstimate.undefined(Double.NaN, confidence);
        }
        int k = runs.length;
        RunSpread spread = RunSpread.of(runs);
        double floor2 = noiseFloor * noiseFloor;
        double withinAfter = trimmedMeanVariance(after);
        double newRun = Math.max(spread.variance(), floor2 + withinAfter);
        double baselineMean = Math.max(spread.variance(), floor2 + spread.within()) / k;
        double variance = newRun + baselineMean;
        double estimate = RobustStatistics.trimmedMean(after) - spread.mean();
        // A prediction interval for one more run from K earlier ones: t with K - 1 degrees of freedom, so
        // that few baseline runs give honest, wide intervals instead of trusting a lucky small spread.
        double df = tails == RunTails.HEAVY ? Math.min(k - 1, HEAVY_TAIL_DF) : k - 1;
        if (tails == RunTails.NORMAL && spreadUpperBound(spread.variance(), k) <= floor2 + spread.within()) {
            // Even the widest between-run spread the K runs allow is below the floor (allocated bytes, span
            // counts): the floor, a known variance, governs, and only the rounds' own error is estimated.
            double estimated = withinAfter + spread.within() / k;
            df = estimated <= 0 ? 1e6 : Math.min(1e6, Math.max(1, after.length - 1.0) * Math.pow(variance / estimated, 2));
        }
        return interval(estimate, variance, df, confidence);
    }

    /**
     * Tests the rounds of one new run against a baseline of one or more runs when the run-to-run standard
     * deviation {@code runSd} is known (e.g. pooled over many paths of a profile): the baseline's
     * estimate is the mean of its runs' trimmed means, and
     * {@code SE^2 = d_after + runSd^2 + (mean d_run + runSd^2) / K}; degrees of freedom from the rounds
     * (Welch-Satterthwaite), the run term counted as known. Values on the scale tested (take logs first
     * for relative changes).
     */
    public static ShiftEstimate withRunEffect(double[][] beforeRuns, double[] after, double runSd, double confidence) {
        return withRunEffect(beforeRuns, after, runSd, confidence, RunTails.NORMAL);
    }

    /**
     * As {@link #withRunEffect(double[][], double[], double, double)}; with {@link RunTails#HEAVY} and a
     * run effect, at most {@value #HEAVY_TAIL_DF} degrees of freedom: a path's share moves between runs in
     * modes too (on a shared runner a memory-bound leaf's share doubled while the machine ran 40 % faster).
     */
    public static ShiftEstimate withRunEffect(double[][] beforeRuns, double[] after, double runSd, double confidence,
            RunTails tails) {
        checkConfidence(confidence);
        double[][] runs = withValues(beforeRuns);
        if (runs.length == 0 || after.length < 2) {
            return ShiftEstimate.undefined(Double.NaN, confidence);
        }
        int k = runs.length;
        double beforeMean = 0;
        double withinBefore = 0;
        double dfDenominator = 0;
        for (double[] run : runs) {
            beforeMean += RobustStatistics.trimmedMean(run) / k;
            double d = trimmedMeanVariance(run) / k / k;
            withinBefore += d;
            dfDenominator += d * d / Math.max(1, run.length - 2.0 * RobustStatistics.trimCount(run.length) - 1);
        }
        double withinAfter = squaredError(after);
        double hAfter = after.length - 2.0 * RobustStatistics.trimCount(after.length);
        dfDenominator += withinAfter * withinAfter / Math.max(1, hAfter - 1);
        double run2 = runSd * runSd;
        double variance = withinAfter + run2 + withinBefore + run2 / k;
        double estimate = RobustStatistics.trimmedMean(after) - beforeMean;
        double within = withinAfter + withinBefore;
        // Satterthwaite's df is at least its smallest part's (each at least 1), and the known run term only adds.
        double df = within <= 0 ? 1e6 : Math.min(1e6, within * within / dfDenominator * variance * variance / (within * within));
        if (tails == RunTails.HEAVY && runSd > 0) {
            df = Math.min(df, HEAVY_TAIL_DF);
        }
        return interval(estimate, variance, df, confidence);
    }

    /**
     * How the trimmed means of several runs spread: their mean, their sample variance (0 for one run) and
     * the mean of the runs' own squared standard errors ({@link #trimmedMeanVariance}).
     */
    public record RunSpread(double mean, double variance, double within) {

        /** The spread of {@code runs}, each a non-empty array of round values. */
        public static RunSpread of(double[][] runs) {
            int k = runs.length;
            double[] means = new double[k];
            double within = 0;
            for (int i = 0; i < k; i++) {
                means[i] = RobustStatistics.trimmedMean(runs[i]);
                within += trimmedMeanVariance(runs[i]);
            }
            double mean = Arrays.stream(means).average().orElse(Double.NaN);
            double variance = 0;
            for (double m : means) {
                variance += (m - mean) * (m - mean);
            }
            return new RunSpread(mean, k < 2 ? 0 : variance / (k - 1), k == 0 ? 0 : within / k);
        }

        /** The between-run standard deviation beyond the runs' own within-run error (method of moments). */
        public double beyondWithin() {
            return Math.sqrt(Math.max(0, variance - within));
        }
    }

    private static double[][] withValues(double[][] runs) {
        return Arrays.stream(runs).filter(r -> r.length > 0).toArray(double[][]::new);
    }

    private static void checkConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
        }
    }

    /** The two-sided {@code t} interval of {@code estimate} with the given variance and degrees of freedom. */
    private static ShiftEstimate interval(double estimate, double variance, double df, double confidence) {
        if (variance <= 0) {
            double p = estimate == 0 ? 1 : 0;
            return new ShiftEstimate(estimate, estimate, estimate, 0, df, p, confidence);
        }
        double se = Math.sqrt(variance);
        TDistribution t = TDistribution.of(df);
        double critical = t.inverseSurvivalProbability((1 - confidence) / 2);
        double p = Math.min(1, 2 * t.survivalProbability(Math.abs(estimate) / se));
        return new ShiftEstimate(estimate, estimate - critical * se, estimate + critical * se, se, df, p, confidence);
    }

    /**
     * The one-sided 95 % upper confidence bound of a variance estimated as {@code variance} from {@code k}
     * values: {@code (k - 1) s^2 / chi2_{0.05, k - 1}}.
     */
    static double spreadUpperBound(double variance, int k) {
        return variance * (k - 1) / ChiSquaredDistribution.of(k - 1).inverseCumulativeProbability(0.05);
    }

    /**
     * The squared standard error of the 20 %-trimmed mean of {@code values} (Yuen's {@code d}); 0 for fewer
     * than two values.
     */
    public static double trimmedMeanVariance(double[] values) {
        return values.length < 2 ? 0 : squaredError(values);
    }

    private static double squaredError(double[] values) {
        int n = values.length;
        double h = n - 2.0 * RobustStatistics.trimCount(n);
        return (n - 1) * RobustStatistics.winsorisedVariance(values) / (h * Math.max(1, h - 1));
    }
}
