package dev.flamegate.ab;

import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.BaselineOptions;
import dev.flamegate.measure.Environment;
import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Metric;
import dev.flamegate.measure.Round;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiPredicate;

/**
 * Seeded side runs of a few tests on a drifting machine: each pair has its own machine speed (log-normal with
 * {@code pairDrift}), shared by both sides of the pair; each run adds its own JVM offset ({@code runSd}) and each
 * round its noise ({@code cv}). Head's CPU time is {@code headFactor} times base's.
 */
final class FakeSides implements SideRunner {

    static final Environment ENV = new Environment("Acme", "17.0.9+9", "Linux", "amd64", 2, "async-profiler/cpu", "dev");

    private final SplittableRandom random;
    private final Map<Integer, Double> machine = new LinkedHashMap<>();
    private final List<String> tests;
    private double pairDrift = 0.15;
    private double runSd = 0.01;
    private double cv = 0.03;
    private double wallNoise;
    private final Map<String, Double> headFactor = new LinkedHashMap<>();
    private BiPredicate<Integer, Side> fails = (pair, side) -> false;
    private BiPredicate<String, Side> absent = (test, side) -> false;
    final List<Set<String>> onlyAsked = new ArrayList<>();

    FakeSides(long seed, String... tests) {
        this.random = new SplittableRandom(seed);
        this.tests = List.of(tests);
    }

    FakeSides headFactor(String test, double factor) {
        headFactor.put(test, factor);
        return this;
    }

    FakeSides pairDrift(double value) {
        pairDrift = value;
        return this;
    }

    FakeSides cv(double value) {
        cv = value;
        return this;
    }

    /** Extra run-to-run noise of wall time alone (another process sharing the machine). */
    FakeSides wallNoise(double value) {
        wallNoise = value;
        return this;
    }

    FakeSides runSd(double value) {
        runSd = value;
        return this;
    }

    /** The side fails (exit 1, records nothing) in the pairs and sides {@code when} says. */
    FakeSides fails(BiPredicate<Integer, Side> when) {
        fails = when;
        return this;
    }

    /** The test does not exist on the sides {@code when} says. */
    FakeSides absent(BiPredicate<String, Side> when) {
        absent = when;
        return this;
    }

    @Override
    public SideRun run(int pair, Side side, Set<String> only) {
        onlyAsked.add(only);
        double speed = machine.computeIfAbsent(pair, p -> Math.exp(pairDrift * random.nextGaussian()));
        Map<String, Baseline> recorded = new LinkedHashMap<>();
        boolean failed = fails.test(pair, side);
        if (!failed) {
            for (String test : tests) {
                if ((only.isEmpty() || only.contains(test)) && !absent.test(test, side)) {
                    double factor = side == Side.HEAD ? headFactor.getOrDefault(test, 1.0) : 1.0;
                    recorded.put(test, run(test, 1_000_000 * speed * factor * Math.exp(runSd * random.nextGaussian())));
                }
            }
        }
        return new SideRun(pair, side, failed ? 1 : 0, recorded, Path.of("pair-" + pair, side.label(), "run.log"),
                Duration.ofSeconds(1), List.of());
    }

    private Baseline run(String test, double cpu) {
        List<Round> rounds = new ArrayList<>();
        double wall = 1.05 * Math.exp(wallNoise * random.nextGaussian());
        for (int i = 0; i < 10; i++) {
            double value = cpu * Math.exp(cv * random.nextGaussian());
            rounds.add(new Round(i, 10, Map.of(Metric.CPU_TIME, value, Metric.WALL_TIME, value * wall,
                    Metric.ALLOCATED_BYTES, 4096.0), Map.of(), List.of()));
        }
        return Baseline.from(new Measurement(test, test.substring(test.lastIndexOf('.') + 1), ENV, rounds),
                BaselineOptions.defaults());
    }
}
