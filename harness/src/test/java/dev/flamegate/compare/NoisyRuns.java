package dev.flamegate.compare;

import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.BaselineOptions;
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
 * Seeded runs of a service test as a busy 2-core runner produces them: whole runs faster or slower by
 * {@code runSpeedSd} (so CPU time per invocation moves between JVMs), JIT compiler threads taking 5–40 % of
 * the samples round by round, each run's JIT shifting path shares by {@code runShareSd} (log-odds), and
 * {@code samplesPerRound} CPU samples in each of {@code rounds} rounds. The workload: pricing 50 %,
 * rendering 30 %, the handler itself 20 % of the Java work.
 *
 * @param rounds rounds per run
 * @param samplesPerRound CPU samples per round, all threads
 * @param runSpeedSd between-run standard deviation of the workload's speed (log scale)
 * @param runShareSd between-run standard deviation of the pricing path's share (log-odds)
 */
record NoisyRuns(int rounds, int samplesPerRound, double runSpeedSd, double runShareSd) {

    static final NoisyRuns DEFAULT = new NoisyRuns(20, 2000, 0.15, 0.01);

    static final String HANDLE = "java.lang.Thread.run;com.acme.OrderService.handle";
    static final String PRICING = HANDLE + ";com.acme.PricingRules.applyDiscounts";
    static final String RENDER = HANDLE + ";com.acme.QuoteWriter.render";
    static final String JIT = "clone3;start_thread;Thread::call_run;C2Compiler::compile_method";

    static final String RECHECK = PRICING + ";com.acme.PricingRules.recheckRules";
    static final String RENDER_RENAMED = HANDLE + ";com.acme.QuoteWriter.write";
    static final String INTERPRETED = PRICING + ";Interpreter";

    /**
     * Relative cost of each path (1 is unchanged); {@code recheck}: extra work in a new callee of pricing,
     * relative to pricing's cost; {@code renderRenamed}: the render method under another name;
     * {@code interpreted}: share of pricing's samples still in the interpreter (JIT state).
     */
    record Workload(double pricing, double render, double recheck, boolean renderRenamed, double interpreted) {
        static final Workload UNCHANGED = new Workload(1, 1);

        Workload(double pricing, double render) {
            this(pricing, render, 0, false, 0);
        }
    }

    /** A baseline of {@code runs} runs recorded the recommended way (record, then append). */
    Baseline baseline(SplittableRandom random, int runs, Workload workload) {
        return baselineOf(java.util.stream.IntStream.range(0, runs).mapToObj(i -> run(random, workload)).toList());
    }

    /** A baseline recorded the recommended way (record the first run, append the others) from {@code runs}. */
    static Baseline baselineOf(List<Measurement> runs) {
        Baseline base = Baseline.from(runs.get(0), BaselineOptions.defaults());
        for (Measurement run : runs.subList(1, runs.size())) {
            base = base.withRun(Baseline.from(run, BaselineOptions.defaults()), runs.size());
        }
        return base;
    }

    /** One JVM run. */
    Measurement run(SplittableRandom random, Workload workload) {
        double runSpeed = Math.exp(runSpeedSd * random.nextGaussian());
        double runJit = Math.exp(runShareSd * random.nextGaussian());
        List<Round> list = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            double pricing = 0.5 * workload.pricing() * runJit;
            double recheck = 0.5 * workload.recheck();
            double render = 0.3 * workload.render();
            double handle = 0.2;
            double work = pricing + recheck + render + handle;
            double jitShare = 0.05 + 0.35 * random.nextDouble();
            Profile.Builder profile = Profile.builder(Event.CPU);
            double pricingSamples = samplesPerRound * (1 - jitShare) * pricing / work;
            profile.add(PRICING, poisson(random, pricingSamples * (1 - workload.interpreted())));
            if (workload.interpreted() > 0) {
                profile.add(INTERPRETED, poisson(random, pricingSamples * workload.interpreted()));
            }
            if (recheck > 0) {
                profile.add(RECHECK, poisson(random, samplesPerRound * (1 - jitShare) * recheck / work));
            }
            profile.add(workload.renderRenamed() ? RENDER_RENAMED : RENDER, poisson(random, samplesPerRound * (1 - jitShare) * render / work));
            profile.add(HANDLE, poisson(random, samplesPerRound * (1 - jitShare) * handle / work));
            profile.add(JIT, poisson(random, samplesPerRound * jitShare));
            double cpu = 1_000_000 * work * runSpeed * Math.exp(0.03 * random.nextGaussian());
            Map<Metric, Double> metrics = new LinkedHashMap<>();
            metrics.put(Metric.CPU_TIME, cpu);
            list.add(new Round(r, 10, metrics, Map.of(Event.CPU, profile.build()), List.of()));
        }
        return new Measurement("com.acme.OrderServiceTest#quotes", "OrderServiceTest.quotes", SyntheticRuns.ENV, list);
    }

    private static long poisson(SplittableRandom random, double lambda) {
        return Math.max(1, Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian()));
    }
}
