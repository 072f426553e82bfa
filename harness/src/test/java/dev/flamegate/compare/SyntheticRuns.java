package dev.flamegate.compare;

import dev.flamegate.measure.Environment;
import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Metric;
import dev.flamegate.measure.Round;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded synthetic runs drawn from known distributions, for statistical tests and the simulation table.
 *
 * <p>A run's CPU time per invocation per round is {@code mean * effect * exp(runOffset + roundNoise)}
 * with {@code runOffset ~ N(0, runSd)} shared by all rounds of the run (between-run noise: JIT, heap
 * layout, machine) and {@code roundNoise ~ N(0, cv)} per round (lognormal), and, with probability
 * {@code outlierRate}, a round is an outlier slowed by a factor drawn from [1.3, 2.0]. Profiles, when
 * asked for, are Poisson samples of fixed stack proportions scaled by the round's CPU time; extra work
 * is added as self time of one frame.
 */
public final class SyntheticRuns {

    public static final Environment ENV = new Environment("Acme", "17.0.9+9", "Linux", "amd64", 2, "async-profiler/cpu", "dev");

    private final SplittableRandom random;
    private double mean = 1_000_000;
    private double cv = 0.05;
    private double runSd = 0.02;
    private double outlierRate;
    private int rounds = 5;
    private boolean profiles;
    private long samplesPerRound = 2000;
    private Environment environment = ENV;

    public SyntheticRuns(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public SyntheticRuns cv(double value) {
        this.cv = value;
        return this;
    }

    public SyntheticRuns runSd(double value) {
        this.runSd = value;
        return this;
    }

    public SyntheticRuns outlierRate(double value) {
        this.outlierRate = value;
        return this;
    }

    public SyntheticRuns rounds(int value) {
        this.rounds = value;
        return this;
    }

    public SyntheticRuns withProfiles(long samples) {
        this.profiles = true;
        this.samplesPerRound = samples;
        return this;
    }

    public SyntheticRuns environment(Environment value) {
        this.environment = value;
        return this;
    }

    /** A run of unchanged code. */
    public Measurement run() {
        return run(1.0, null);
    }

    /**
     * A run whose CPU time is {@code factor} times the unchanged one; with profiles, the extra work
     * ({@code factor - 1} of the base time) appears as self time of {@code hotPath}.
     */
    public Measurement run(double factor, String hotPath) {
        double offset = runSd * random.nextGaussian();
        List<Round> list = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            double noise = Math.exp(offset + cv * random.nextGaussian());
            if (random.nextDouble() < outlierRate) {
                noise *= 1.3 + 0.7 * random.nextDouble();
            }
            double cpu = mean * factor * noise;
            Map<Metric, Double> metrics = new LinkedHashMap<>();
            metrics.put(Metric.CPU_TIME, cpu);
            metrics.put(Metric.ALLOCATED_BYTES, 4096.0);
            Map<Event, Profile> profileMap = new LinkedHashMap<>();
            if (profiles) {
                profileMap.put(Event.CPU, profile(noise, factor, hotPath));
            }
            list.add(new Round(r, 10, metrics, profileMap, List.of()));
        }
        return new Measurement("com.acme.PricingTest#quotes", "PricingTest.quotes", environment, list);
    }

    /** Base shape: main;a;b;c 40 %, main;a;d 30 %, main;e 20 %, main 10 %; extra work on {@code hotPath}. */
    private Profile profile(double noise, double factor, String hotPath) {
        double base = samplesPerRound * noise;
        Profile.Builder builder = Profile.builder(Event.CPU);
        add(builder, "main;a;b;c", base * 0.4);
        add(builder, "main;a;d", base * 0.3);
        add(builder, "main;e", base * 0.2);
        add(builder, "main", base * 0.1);
        if (hotPath != null && factor > 1) {
            add(builder, hotPath, base * (factor - 1));
        }
        return builder.build();
    }

    private void add(Profile.Builder builder, String stack, double expected) {
        long weight = poisson(expected);
        if (weight > 0) {
            builder.add(stack, weight);
        }
    }

    private long poisson(double lambda) {
        // Normal approximation is exact enough for lambda in the hundreds and more.
        if (lambda > 50) {
            return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian()));
        }
        double l = Math.exp(-lambda);
        long k = 0;
        double p = 1;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
