package dev.flamegate.compare;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Thresholds of a comparison. Immutable; {@link #defaults()} are tuned so that unchanged code fails
 * at most 1 % of runs on a noisy shared machine (see the simulation in {@code BENCHMARKS.md}), and
 * {@link #toBuilder()} derives per-test overrides such as {@code @ProfiledTest(maxRegression = "10%")}.
 *
 * <p>Configuration keys understood by {@link #withOverrides(Function)} (system properties,
 * {@code junit-platform.properties}, annotation attributes), values as fractions or percentages:
 * <ul>
 *   <li>{@value #MAX_REGRESSION} (alias {@value #MIN_EFFECT}): smallest relative change of a metric that
 *       counts, default 5 %;</li>
 *   <li>{@value #MIN_SHARE_CHANGE}: smallest change of a frame's share that counts, default 2 % (points);</li>
 *   <li>{@value #CONFIDENCE}: confidence level of the intervals of the workload's totals, default 99 %
 *       (alpha = 1 %, split Bonferroni-wise over the gated metrics);</li>
 *   <li>{@value #FDR}: Benjamini-Hochberg false-discovery rate across frames, default 5 %;</li>
 *   <li>{@value #NOISE_FLOOR}: relative standard deviation of a run's offset between runs, default 2 %;</li>
 *   <li>{@value #MAX_DETECTABLE}: when the smallest change a comparison could detect is larger than this,
 *       the verdict is {@link Verdict#INCONCLUSIVE}, default 25 %;</li>
 *   <li>{@value #NEW_HOT_SHARE}: share from which a frame absent in the baseline is a finding, default 5 %;</li>
 *   <li>{@value #ALLOW_SHAPE_CHANGE}: {@code true} to accept trace-shape changes, default {@code false};</li>
 *   <li>{@value #SHARE_GATE}: {@code false} to gate on the workload's totals only, not on a call path's
 *       cost relative to the rest of its run ({@link ShareGate}), default {@code true};</li>
 *   <li>{@value #TIME_ALONE}: the smallest growth of {@code cpu.time} or {@code wall.time} that fails a test
 *       when nothing measured within the run corroborates it (no call path's share, new work, allocation,
 *       lock waiting, span count or trace shape changed), default 50 %. A smaller significant growth then
 *       makes the verdict {@link Verdict#INCONCLUSIVE} with a note (a fresh JVM of unchanged code can run that much
 *       slower, see docs/verdicts-and-baselines.md). Lower it on a quiet, dedicated machine.</li>
 * </ul>
 * A metric-specific minimum effect is set with {@code maxRegression.<metric>}, e.g.
 * {@code maxRegression.wall.time = 20%}, and a metric-specific floor with {@code noiseFloor.<metric>}.
 * By default {@code wall.time} has a 5 % floor (elapsed time also moves with whatever else the machine runs) and
 * {@code lock.waiting} fails only from +200 % (lock contention of unchanged code differs between JVMs far more than
 * other totals); docs/verdicts-and-baselines.md has the measurements.
 */
public final class CompareSettings {

    public static final String MAX_REGRESSION = "maxRegression";
    public static final String MIN_EFFECT = "minEffect";
    public static final String MIN_SHARE_CHANGE = "minShareChange";
    public static final String CONFIDENCE = "confidence";
    public static final String FDR = "fdr";
    public static final String NOISE_FLOOR = "noiseFloor";
    public static final String MAX_DETECTABLE = "maxDetectable";
    public static final String NEW_HOT_SHARE = "newHotShare";
    public static final String ALLOW_SHAPE_CHANGE = "allowShapeChange";
    public static final String SHARE_GATE = "shareGate";
    public static final String TIME_ALONE = "timeAlone";
    public static final String INDEPENDENT_ROUNDS = "independentRounds";

    private static final CompareSettings DEFAULTS = new Builder().build();

    private final double minEffect;
    private final Map<String, Double> metricMinEffects;
    private final double minShareChange;
    private final double confidence;
    private final double fdr;
    private final double noiseFloor;
    private final Map<String, Double> metricNoiseFloors;
    private final double maxDetectable;
    private final double newHotShare;
    private final boolean allowShapeChange;
    private final boolean shareGate;
    private final double timeAlone;
    private final boolean independentRounds;
    private final boolean pairedForks;

    private CompareSettings(Builder b) {
        this.minEffect = b.minEffect;
        this.metricMinEffects = Collections.unmodifiableMap(new TreeMap<>(b.metricMinEffects));
        this.minShareChange = b.minShareChange;
        this.confidence = b.confidence;
        this.fdr = b.fdr;
        this.noiseFloor = b.noiseFloor;
        this.metricNoiseFloors = Collections.unmodifiableMap(new TreeMap<>(b.metricNoiseFloors));
        this.maxDetectable = b.maxDetectable;
        this.newHotShare = b.newHotShare;
        this.allowShapeChange = b.allowShapeChange;
        this.shareGate = b.shareGate;
        this.timeAlone = b.timeAlone;
        this.independentRounds = b.independentRounds;
        this.pairedForks = b.pairedForks;
    }

    /** The global defaults. */
    public static CompareSettings defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.minEffect = minEffect;
        b.metricMinEffects.putAll(metricMinEffects);
        b.minShareChange = minShareChange;
        b.confidence = confidence;
        b.fdr = fdr;
        b.noiseFloor = noiseFloor;
        b.metricNoiseFloors.clear();
        b.metricNoiseFloors.putAll(metricNoiseFloors);
        b.maxDetectable = maxDetectable;
        b.newHotShare = newHotShare;
        b.allowShapeChange = allowShapeChange;
        b.shareGate = shareGate;
        b.timeAlone = timeAlone;
        b.independentRounds = independentRounds;
        b.pairedForks = pairedForks;
        return b;
    }

    /**
     * These settings with the values {@code lookup} returns for the keys above (null = keep), e.g.
     * {@code settings.withOverrides(k -> System.getProperty("flamegate." + k))}.
     *
     * @throws IllegalArgumentException naming the key and the bad value
     */
    public CompareSettings withOverrides(Function<String, String> lookup) {
        Builder b = toBuilder();
        apply(lookup, MIN_EFFECT, v -> b.minEffect(parseFraction(MIN_EFFECT, v)));
        apply(lookup, MAX_REGRESSION, v -> b.minEffect(parseFraction(MAX_REGRESSION, v)));
        apply(lookup, MIN_SHARE_CHANGE, v -> b.minShareChange(parseFraction(MIN_SHARE_CHANGE, v)));
        apply(lookup, CONFIDENCE, v -> b.confidence(parseFraction(CONFIDENCE, v)));
        apply(lookup, FDR, v -> b.fdr(parseFraction(FDR, v)));
        apply(lookup, NOISE_FLOOR, v -> b.noiseFloor(parseFraction(NOISE_FLOOR, v)));
        apply(lookup, MAX_DETECTABLE, v -> b.maxDetectable(parseFraction(MAX_DETECTABLE, v)));
        apply(lookup, NEW_HOT_SHARE, v -> b.newHotShare(parseFraction(NEW_HOT_SHARE, v)));
        apply(lookup, ALLOW_SHAPE_CHANGE, v -> b.allowShapeChange(parseBoolean(ALLOW_SHAPE_CHANGE, v)));
        apply(lookup, SHARE_GATE, v -> b.shareGate(parseBoolean(SHARE_GATE, v)));
        apply(lookup, TIME_ALONE, v -> b.timeAlone(parseFraction(TIME_ALONE, v)));
        apply(lookup, INDEPENDENT_ROUNDS, v -> b.independentRounds(parseBoolean(INDEPENDENT_ROUNDS, v)));
        for (String metric : new String[] {"cpu.time", "alloc.bytes", "wall.time", "spans", "score", "cpu.path", "alloc.path",
                "lock.waiting"}) {
            String key = MAX_REGRESSION + "." + metric;
            apply(lookup, key, v -> b.minEffect(metric, parseFraction(key, v)));
            String floorKey = NOISE_FLOOR + "." + metric;
            apply(lookup, floorKey, v -> b.noiseFloor(metric, parseFraction(floorKey, v)));
        }
        return b.build();
    }

    private static void apply(Function<String, String> lookup, String key, Consumer<String> setter) {
        String value = lookup.apply(key);
        if (value != null && !value.isBlank()) {
            setter.accept(value.trim());
        }
    }

    /**
     * Parses {@code "10%"}, {@code "10 %"} or {@code "0.1"} into 0.1.
     *
     * @throws IllegalArgumentException naming {@code key} and what is accepted
     */
    public static double parseFraction(String key, String text) {
        String t = text.trim();
        boolean percent = t.endsWith("%");
        if (percent) {
            t = t.substring(0, t.length() - 1).trim();
        }
        try {
            double value = Double.parseDouble(t);
            if (!Double.isFinite(value) || value < 0) {
                throw new NumberFormatException();
            }
            return percent ? value / 100 : value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Configuration error: " + key + " = '" + text
                    + "' is not a non-negative fraction or percentage such as 0.1 or 10%");
        }
    }

    private static boolean parseBoolean(String key, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
        }
        throw new IllegalArgumentException("Configuration error: " + key + " = '" + text + "' must be true or false");
    }

    /** Smallest relative change of {@code metricName} that counts (its override or the global one). */
    public double minEffect(String metricName) {
        return metricMinEffects.getOrDefault(metricName, minEffect);
    }

    /** The global smallest relative change of a metric that counts. */
    public double minEffect() {
        return minEffect;
    }

    public Map<String, Double> metricMinEffects() {
        return metricMinEffects;
    }

    public double minShareChange() {
        return minShareChange;
    }

    public double confidence() {
        return confidence;
    }

    /** {@code 1 - confidence}. */
    public double alpha() {
        return 1 - confidence;
    }

    public double fdr() {
        return fdr;
    }

    /** The global between-run noise floor (relative standard deviation of a run's offset). */
    public double noiseFloor() {
        return noiseFloor;
    }

    /** The noise floor of {@code metricName}: its override, or the global one. */
    public double noiseFloor(String metricName) {
        return metricNoiseFloors.getOrDefault(metricName, noiseFloor);
    }

    public Map<String, Double> metricNoiseFloors() {
        return metricNoiseFloors;
    }

    public double maxDetectable() {
        return maxDetectable;
    }

    public double newHotShare() {
        return newHotShare;
    }

    public boolean allowShapeChange() {
        return allowShapeChange;
    }

    /**
     * The smallest growth of a time total ({@code cpu.time}, {@code wall.time}) that fails a comparison on
     * its own, when nothing that compares within the run shows a change too (see the class documentation).
     */
    public double timeAlone() {
        return timeAlone;
    }

    /** Whether a call path whose CPU cost grew relative to the rest of its run fails the comparison. */
    public boolean shareGate() {
        return shareGate;
    }

    /**
     * Whether every round is a fresh JVM (round-profile directories, one JVM per file): then the rounds are the
     * replicates and their spread holds the between-run noise, so call-path shares are tested on it directly,
     * with the variance moderated across the run's paths, instead of adding an assumed between-run floor.
     */
    public boolean independentRounds() {
        return independentRounds;
    }

    /**
     * Whether base's and head's rounds are JMH forks (a JVM each) run side by side in the same A/B pairs: whatever a
     * pair's machine state does to the profiles, it does to both sides, so every fork is a replicate of a call path's
     * share, and the shares are tested over the forks, not over the pairs (which, being few, would leave the test
     * almost no degrees of freedom).
     */
    public boolean pairedForks() {
        return pairedForks;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompareSettings s && minEffect == s.minEffect && metricMinEffects.equals(s.metricMinEffects)
                && minShareChange == s.minShareChange && confidence == s.confidence && fdr == s.fdr
                && noiseFloor == s.noiseFloor && metricNoiseFloors.equals(s.metricNoiseFloors) && maxDetectable == s.maxDetectable && newHotShare == s.newHotShare
                && allowShapeChange == s.allowShapeChange && shareGate == s.shareGate && timeAlone == s.timeAlone
                && independentRounds == s.independentRounds && pairedForks == s.pairedForks;
    }

    @Override
    public int hashCode() {
        return Objects.hash(minEffect, metricMinEffects, minShareChange, confidence, fdr, noiseFloor, metricNoiseFloors, maxDetectable,
                newHotShare, allowShapeChange, shareGate, timeAlone, independentRounds, pairedForks);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "CompareSettings[minEffect=%.3f %s, minShareChange=%.3f, confidence=%.3f, fdr=%.3f,"
                + " noiseFloor=%.3f %s, maxDetectable=%.3f, newHotShare=%.3f, allowShapeChange=%s, shareGate=%s, timeAlone=%.3f,"
                + " independentRounds=%s, pairedForks=%s]", minEffect,
                metricMinEffects, minShareChange, confidence, fdr, noiseFloor, metricNoiseFloors, maxDetectable, newHotShare, allowShapeChange,
                shareGate, timeAlone, independentRounds, pairedForks);
    }

    /** Mutable builder; validates each value as it is set. */
    public static final class Builder {
        private double minEffect = 0.05;
        private final Map<String, Double> metricMinEffects = new TreeMap<>(Map.of("lock.waiting", 2.0));
        private double minShareChange = 0.02;
        private double confidence = 0.99;
        private double fdr = 0.05;
        private double noiseFloor = 0.02;
        private final Map<String, Double> metricNoiseFloors = new TreeMap<>(Map.of("wall.time", 0.05));
        private double maxDetectable = 0.25;
        private double newHotShare = 0.05;
        private boolean allowShapeChange;
        private boolean shareGate = true;
        private double timeAlone = 0.5;
        private boolean independentRounds;
        private boolean pairedForks;

        private Builder() {
        }

        public Builder minEffect(double value) {
            this.minEffect = fraction("minEffect", value, 0, 10);
            return this;
        }

        /** The minimum effect of one metric, e.g. {@code minEffect("wall.time", 0.2)}. */
        public Builder minEffect(String metricName, double value) {
            metricMinEffects.put(Objects.requireNonNull(metricName, "metricName"), fraction("minEffect." + metricName, value, 0, 10));
            return this;
        }

        public Builder minShareChange(double value) {
            this.minShareChange = fraction("minShareChange", value, 0, 1);
            return this;
        }

        public Builder confidence(double value) {
            if (!(value > 0.5 && value < 1)) {
                throw new IllegalArgumentException("Configuration error: confidence must be in (0.5, 1), was " + value);
            }
            this.confidence = value;
            return this;
        }

        public Builder fdr(double value) {
            if (!(value > 0 && value < 1)) {
                throw new IllegalArgumentException("Configuration error: fdr must be in (0, 1), was " + value);
            }
            this.fdr = value;
            return this;
        }

        public Builder noiseFloor(double value) {
            this.noiseFloor = fraction("noiseFloor", value, 0, 1);
            return this;
        }

        /** The noise floor of one metric, e.g. {@code noiseFloor("wall.time", 0.05)}. */
        public Builder noiseFloor(String metricName, double value) {
            metricNoiseFloors.put(Objects.requireNonNull(metricName, "metricName"), fraction("noiseFloor." + metricName, value, 0, 1));
            return this;
        }

        public Builder maxDetectable(double value) {
            this.maxDetectable = fraction("maxDetectable", value, 0, 100);
            return this;
        }

        public Builder newHotShare(double value) {
            this.newHotShare = fraction("newHotShare", value, 0, 1);
            return this;
        }

        public Builder allowShapeChange(boolean value) {
            this.allowShapeChange = value;
            return this;
        }

        public Builder shareGate(boolean value) {
            this.shareGate = value;
            return this;
        }

        /** See {@link CompareSettings#timeAlone()}; 0 lets any significant growth of a time total fail alone. */
        public Builder timeAlone(double value) {
            this.timeAlone = fraction("timeAlone", value, 0, 100);
            return this;
        }

        /** See {@link CompareSettings#independentRounds()}. */
        public Builder independentRounds(boolean value) {
            this.independentRounds = value;
            return this;
        }

        /** See {@link CompareSettings#pairedForks()}. */
        public Builder pairedForks(boolean value) {
            this.pairedForks = value;
            return this;
        }

        public CompareSettings build() {
            return new CompareSettings(this);
        }

        private static double fraction(String name, double value, double min, double max) {
            if (!(value >= min && value <= max)) {
                throw new IllegalArgumentException("Configuration error: " + name + " must be in [" + min + ", " + max
                        + "], was " + value);
            }
            return value;
        }
    }
}
