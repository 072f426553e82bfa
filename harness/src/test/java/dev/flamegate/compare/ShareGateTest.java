package dev.flamegate.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.baseline.Baseline;
import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Metric;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The path-share gate on runs that look like the samples on a busy 2-core runner: whole runs 15 % faster
 * or slower (so CPU time per invocation cannot show a 10 % change), JIT compiler threads taking 5–40 % of
 * the samples round by round, each run's JIT shifting path shares by 1 % (log-odds), 20 rounds of 2,000
 * samples (200 ms at a 100 µs interval), baselines of 5 runs. Seeds are fixed.
 */
class ShareGateTest {

    private static final NoisyRuns.Workload UNCHANGED = NoisyRuns.Workload.UNCHANGED;

    private final CompareSettings settings = CompareSettings.defaults();

    @Test
    void unchangedRunsOfANoisyMachineDoNotFailOnShares() {
        SplittableRandom random = new SplittableRandom(11);
        int alarms = 0;
        for (int trial = 0; trial < 300; trial++) {
            Baseline base = baseline(random, 5, UNCHANGED);
            Comparison c = BaselineComparator.compare(Optional.of(base), run(random, UNCHANGED), settings);
            if (c.verdict() == Verdict.REGRESSION) {
                alarms++;
            }
        }
        assertThat(alarms).as("false alarms in 300 unchanged comparisons").isLessThanOrEqualTo(3);
    }

    @Test
    void aTwentyPercentSlowerPathIsCaughtAndNamedAlthoughCpuTimeIsTooNoisy() {
        SplittableRandom random = new SplittableRandom(12);
        int caught = 0;
        int cpuTimeCaught = 0;
        int trials = 100;
        for (int trial = 0; trial < trials; trial++) {
            Baseline base = baseline(random, 5, UNCHANGED);
            Comparison c = BaselineComparator.compare(Optional.of(base), run(random, new NoisyRuns.Workload(1.20, 1)), settings);
            if (c.verdict() == Verdict.REGRESSION && c.metrics().stream().anyMatch(m -> m.metric().equals(ShareGate.PATH_COST))) {
                caught++;
                assertThat(c.frames()).extracting(FrameChange::leaf).contains("com.acme.PricingRules.applyDiscounts");
                assertThat(c.metrics()).filteredOn(m -> m.metric().equals(ShareGate.PATH_COST)).singleElement()
                        .satisfies(m -> assertThat(m.relativeChange()).isBetween(0.08, 0.4));
            }
            if (c.metrics().stream().anyMatch(m -> m.metric().equals(Metric.CPU_TIME) && m.status() == MetricChange.Status.REGRESSED)) {
                cpuTimeCaught++;
            }
        }
        // The workload's total grew 10 %, within what whole runs differ by: CPU time alone misses most of them.
        assertThat(cpuTimeCaught).as("caught by cpu.time alone").isLessThan(50);
        assertThat(caught).as("20 %% regressions caught in %d comparisons", trials).isGreaterThanOrEqualTo(95);
    }

    @Test
    void aTenPercentSlowerPathIsThePriceOfHeavyTails() {
        // The odds rule predicts a run's share with t with at most three degrees of freedom: shares move between
        // runs in modes too. A path 10 % slower (5 % more of the work) is then caught in about half the runs.
        SplittableRandom random = new SplittableRandom(12);
        int caught = 0;
        for (int trial = 0; trial < 100; trial++) {
            Comparison c = BaselineComparator.compare(Optional.of(baseline(random, 5, UNCHANGED)), run(random, new NoisyRuns.Workload(1.10, 1)),
                    settings);
            if (c.verdict() == Verdict.REGRESSION) {
                caught++;
            }
        }
        assertThat(caught).as("10 %% regressions caught in 100 comparisons").isBetween(30, 80);
    }

    @Test
    void aPathThatGotFasterDoesNotMakeItsNeighbourARegression() {
        SplittableRandom random = new SplittableRandom(13);
        int alarms = 0;
        int notes = 0;
        for (int trial = 0; trial < 100; trial++) {
            Baseline base = baseline(random, 5, UNCHANGED);
            Comparison c = BaselineComparator.compare(Optional.of(base), run(random, new NoisyRuns.Workload(1, 0.6)), settings);
            if (c.verdict() == Verdict.REGRESSION) {
                alarms++;
            }
            if (c.notes().stream().anyMatch(n -> n.contains("cannot tell which path changed"))) {
                notes++;
            }
        }
        assertThat(alarms).as("regressions blamed on pricing when rendering got 40 % faster").isLessThanOrEqualTo(2);
        assertThat(notes).as("comparisons that explain the ambiguous shift").isGreaterThanOrEqualTo(90);
    }

    @Test
    void newWorkInANewCalleeIsCaughtAndNamed() {
        SplittableRandom random = new SplittableRandom(15);
        int caught = 0;
        for (int trial = 0; trial < 50; trial++) {
            Baseline base = baseline(random, 5, UNCHANGED);
            // Pricing does 20 % more work, all of it in a callee the baseline never saw: about 9 % of the work.
            Comparison c = BaselineComparator.compare(Optional.of(base), run(random, new NoisyRuns.Workload(1, 1, 0.2, false, 0)), settings);
            if (c.verdict() == Verdict.REGRESSION && c.frames().stream().anyMatch(f -> f.leaf().equals("com.acme.PricingRules.recheckRules"))) {
                caught++;
                assertThat(c.metrics()).filteredOn(m -> m.metric().equals(ShareGate.NEW_PATH))
                        .allSatisfy(m -> assertThat(m.after()).isBetween(0.06, 0.12));
                assertThat(c.frames()).filteredOn(f -> f.leaf().equals("com.acme.PricingRules.recheckRules")).singleElement()
                        .satisfies(f -> assertThat(f.totalAfter()).isBetween(0.06, 0.12));
            }
        }
        assertThat(caught).as("new callees caught in 50").isGreaterThanOrEqualTo(48);
    }

    @Test
    void aRenamedMethodOrInterpretedFramesAreNotNewWork() {
        SplittableRandom random = new SplittableRandom(16);
        int alarms = 0;
        int renameNotes = 0;
        for (int trial = 0; trial < 50; trial++) {
            Baseline base = baseline(random, 5, UNCHANGED);
            Comparison renamed = BaselineComparator.compare(Optional.of(base), run(random, new NoisyRuns.Workload(1, 1, 0, true, 0)), settings);
            Comparison interpreted = BaselineComparator.compare(Optional.of(base), run(random, new NoisyRuns.Workload(1, 1, 0, false, 0.2)), settings);
            alarms += (renamed.verdict() == Verdict.REGRESSION ? 1 : 0) + (interpreted.verdict() == Verdict.REGRESSION ? 1 : 0);
            renameNotes += renamed.notes().stream().anyMatch(n -> n.contains("renamed or moved")) ? 1 : 0;
        }
        assertThat(alarms).as("regressions from a rename or from interpreter frames in 100").isLessThanOrEqualTo(1);
        assertThat(renameNotes).as("renames explained in 50").isGreaterThanOrEqualTo(45);
    }

    @Test
    void aFrameTheJitShowsInSomeRunsOnlyIsNotTestedByItsOdds() {
        SplittableRandom random = new SplittableRandom(17);
        NoisyRuns.Workload jitFrame = new NoisyRuns.Workload(1, 1, 0, false, 0.3);
        int alarms = 0;
        for (int trial = 0; trial < 50; trial++) {
            // One baseline run in five shows the frame (an invokedynamic call site not inlined, say); this run does too.
            Baseline base = NoisyRuns.baselineOf(java.util.stream.IntStream.range(0, 5)
                    .mapToObj(k -> run(random, k == 0 ? jitFrame : UNCHANGED)).toList());
            if (BaselineComparator.compare(Optional.of(base), run(random, jitFrame), settings).verdict() == Verdict.REGRESSION) {
                alarms++;
            }
        }
        assertThat(alarms).as("regressions from a frame one baseline run had, in 50").isLessThanOrEqualTo(1);
    }

    @Test
    void theGateCanBeSwitchedOff() {
        SplittableRandom random = new SplittableRandom(14);
        Baseline base = baseline(random, 5, UNCHANGED);
        Measurement slower = run(random, new NoisyRuns.Workload(1.5, 1));
        assertThat(BaselineComparator.compare(Optional.of(base), slower, settings).verdict()).isEqualTo(Verdict.REGRESSION);
        CompareSettings off = settings.withOverrides(k -> k.equals(CompareSettings.SHARE_GATE) ? "false" : null);
        assertThat(BaselineComparator.compare(Optional.of(base), slower, off).metrics())
                .noneMatch(m -> m.metric().equals(ShareGate.PATH_COST));
    }

    @Test
    void packagesOfFrames() {
        assertThat(ShareGate.packageOf("com.acme.PricingRules.apply")).isEqualTo("com.acme");
        assertThat(ShareGate.packageOf("java.math.BigDecimal.multiply")).isEqualTo("java.math");
        assertThat(ShareGate.packageOf("main")).isEqualTo("main");
    }

    @Test
    void javaRootsAreTellingApartFromNativeThreads() {
        assertThat(ShareGate.isJavaRoot("java.lang.Thread.run")).isTrue();
        assertThat(ShareGate.isJavaRoot("org.apache.maven.surefire.booter.ForkedBooter.main")).isTrue();
        assertThat(ShareGate.isJavaRoot("clone3")).isFalse();
        assertThat(ShareGate.isJavaRoot("Thread::call_run")).isFalse();
        assertThat(ShareGate.isJavaRoot("[vm]")).isFalse();
        assertThat(ShareGate.isJavaRoot("GC Thread#0")).isFalse();
    }

    private static Baseline baseline(SplittableRandom random, int runs, NoisyRuns.Workload workload) {
        return NoisyRuns.DEFAULT.baseline(random, runs, workload);
    }

    private static Measurement run(SplittableRandom random, NoisyRuns.Workload workload) {
        return NoisyRuns.DEFAULT.run(random, workload);
    }
}
