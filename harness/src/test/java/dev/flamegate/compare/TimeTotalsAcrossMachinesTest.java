package dev.flamegate.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.baseline.Baseline;
import dev.flamegate.measure.Environment;
import dev.flamegate.measure.MachineSpeed;
import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Metric;
import dev.flamegate.measure.Round;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Time totals against a baseline recorded on another machine, and their heavy run-to-run tails: a test
 * that measures CPU time, wall time and allocated bytes, in runs of 10 rounds. Seeds are fixed.
 */
class TimeTotalsAcrossMachinesTest {

    private static final Environment FAST = SyntheticRuns.ENV.withCalibrationNanos(200_000);
    private static final Environment FAST_TOO = SyntheticRuns.ENV.withCalibrationNanos(260_000);
    private static final Environment THREE_TIMES_SLOWER = SyntheticRuns.ENV.withCalibrationNanos(600_000);

    private final CompareSettings settings = CompareSettings.defaults();

    @Test
    void onAMachineThreeTimesSlowerTimeTotalsHaveTheirIntervalWidenedByWhatTheMachineExplainsAndTheNoteSaysWhy() {
        Comparison c = oneRunAgainstFive(31, FAST, THREE_TIMES_SLOWER, 3.0, 1.0);

        // the time grew as much as the machine is slower: nothing the code did, and nothing time can vouch for
        assertThat(c.verdict()).isIn(Verdict.PASS, Verdict.INCONCLUSIVE);
        assertThat(metric(c, "cpu.time")).satisfies(m -> {
            assertThat(m.gated()).isTrue();
            assertThat(m.status()).isNotEqualTo(MetricChange.Status.REGRESSED);
            assertThat(m.relativeChange()).isGreaterThan(1.5);
            assertThat(m.ciLower()).isNegative();
        });
        assertThat(metric(c, "alloc.bytes").gated()).isTrue();
        assertThat(c.notes()).anySatisfy(n -> assertThat(n).contains("3.00 × slower").contains("intervals are widened by 200 % towards slower")
                .contains("Re-record the baseline on this kind of runner"));
    }

    @Test
    void theMachineTreatmentIsContinuousAcrossTheOldThresholdBetweenTheMeasuredRatios() {
        // 1.37 and 1.92: the same machine's calibration in two runs. The same measurements compared with every
        // calibration ratio in between move the interval's lower end smoothly, never switching time off.
        double previous = Double.POSITIVE_INFINITY;
        for (int step = 0; step <= 70; step++) {
            double ratio = 1.30 + step * 0.01;
            Comparison c = oneRunAgainstFive(33, FAST, FAST.withCalibrationNanos(200_000 * ratio), 1.6, 1.0);
            MetricChange cpu = metric(c, "cpu.time");
            assertThat(cpu.gated()).as("ratio %.2f", ratio).isTrue();
            assertThat(cpu.ciLower()).as("ratio %.2f", ratio).isLessThanOrEqualTo(previous + 1e-12);
            if (step > 0) {
                assertThat(previous - cpu.ciLower()).as("jump at ratio %.2f", ratio).isLessThan(0.05);
            }
            previous = cpu.ciLower();
        }
    }

    @Test
    void onAnotherMachineMoreAllocationStillFails() {
        Comparison c = oneRunAgainstFive(32, FAST, THREE_TIMES_SLOWER, 3.0, 1.3);

        assertThat(c.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(metric(c, "alloc.bytes").status()).isEqualTo(MetricChange.Status.REGRESSED);
    }

    @Test
    void onAMachineOfAboutTheSameSpeedTimeTotalsGateWithTheDifferenceAllowedFor() {
        Comparison c = oneRunAgainstFive(33, FAST, FAST_TOO, 3.0, 1.0);

        assertThat(c.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(metric(c, "cpu.time").status()).isEqualTo(MetricChange.Status.REGRESSED);
        // 1.3 x: partly the calibration's own wobble, partly the machine; the interval allows for the part. How much
        // is the calibration's wobble depends on this JVM's measured spread (more under load): 16 % on a quiet machine.
        double allowance = MachineSpeed.timeAllowance(FAST.calibrationNanos(), FAST_TOO.calibrationNanos(),
                MachineSpeed.calibrationSpread());
        if (allowance > 0) {
            String widened = String.format(Locale.ROOT, "widened by %.0f %% towards slower", 100 * Math.expm1(allowance));
            assertThat(c.notes()).anySatisfy(n -> assertThat(n).contains("1.30 × slower").contains(widened));
        } else {
            // a loaded machine: this JVM's calibrations wobble by more than 1.3 x, so the ratio is noise, nothing widened
            assertThat(MachineSpeed.calibrationSpread()).isGreaterThan(Math.log(1.3) / (3 * Math.sqrt(2)));
            assertThat(c.notes()).noneSatisfy(n -> assertThat(n).contains("calibration"));
        }
        Comparison same = oneRunAgainstFive(33, FAST, FAST.withCalibrationNanos(208_000), 3.0, 1.0);
        assertThat(same.notes()).noneSatisfy(n -> assertThat(n).contains("calibration"));
    }

    @Test
    void aBaselineWithoutACalibrationTimeIsTrustedAsBefore() {
        Comparison c = oneRunAgainstFive(34, SyntheticRuns.ENV, THREE_TIMES_SLOWER, 3.0, 1.0);

        assertThat(metric(c, "cpu.time").gated()).isTrue();
        assertThat(c.verdict()).isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void aRunInASlowerJvmModeIsInconclusiveNotARegressionAgainstTenTightRuns() {
        // Ten runs agreeing to 2 %, as the samples' rendering test's did; then a run 35 % slower with nothing
        // else changed: a JVM mode, seen as +30…+60 % on unchanged code.
        Comparison c = oneRunAgainstTen(35, 0.02, 1.35);

        assertThat(c.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(metric(c, "cpu.time").status()).isEqualTo(MetricChange.Status.UNCERTAIN);
        assertThat(metric(c, "cpu.time").ciLower()).as("the interval still excludes no change").isPositive();
        assertThat(c.headline()).startsWith("INCONCLUSIVE OrderServiceTest.quotes: cpu.time +3")
                .endsWith("nothing in the profiles or the trace shows where, so not a regression on its own (see the notes)");
        assertThat(c.notes()).anySatisfy(n -> assertThat(n).startsWith("cpu.time +3")
                .contains("nothing this run compares within itself shows it").contains("+50 % (timeAlone)"));
    }

    @Test
    void aSlowerRunFailsWhenAllocationCorroboratesItOrWhenItDoubled() {
        SplittableRandom random = new SplittableRandom(37);
        Baseline baseline = baseline(random, FAST, 1.0, 10, 0.02);

        Comparison heavier = BaselineComparator.compare(Optional.of(baseline), run(random, FAST, 1.35, 1.2), settings);
        assertThat(heavier.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(metric(heavier, "cpu.time").status()).isEqualTo(MetricChange.Status.REGRESSED);
        assertThat(metric(heavier, "alloc.bytes").status()).isEqualTo(MetricChange.Status.REGRESSED);

        Comparison doubled = BaselineComparator.compare(Optional.of(baseline), run(random, FAST, 2.0, 1.0), settings);
        assertThat(doubled.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(metric(doubled, "cpu.time").status()).isEqualTo(MetricChange.Status.REGRESSED);
    }

    @Test
    void timeAloneSetToZeroLetsAnySignificantGrowthFail() {
        SplittableRandom random = new SplittableRandom(38);
        Baseline baseline = baseline(random, FAST, 1.0, 10, 0.02);
        CompareSettings strict = settings.withOverrides(k -> k.equals(CompareSettings.TIME_ALONE) ? "0%" : null);

        assertThat(strict.timeAlone()).isZero();
        assertThat(BaselineComparator.compare(Optional.of(baseline), run(random, FAST, 1.35, 1.0), strict).verdict())
                .isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void moreBaselineRunsDoNotMakeTimeTotalsTrustTheirTails() {
        // Heavy tails: ten runs give t with at most three degrees of freedom for time, nine for bytes.
        SplittableRandom random = new SplittableRandom(39);
        Baseline baseline = baseline(random, FAST, 1.0, 10, 0.05);
        Comparison c = BaselineComparator.compare(Optional.of(baseline), run(random, FAST, 1.0, 1.0), settings);
        double timeWidth = metric(c, "cpu.time").ciUpper() - metric(c, "cpu.time").ciLower();
        double[][] runs = baseline.byRun(baseline.metric("cpu.time").orElseThrow());
        double[] after = java.util.Arrays.stream(runs[0]).toArray();
        double heavy = dev.flamegate.stats.YuenTest.relativeAgainstRuns(runs, after, 0.02, 0.99,
                dev.flamegate.stats.YuenTest.RunTails.HEAVY).degreesOfFreedom();
        double light = dev.flamegate.stats.YuenTest.relativeAgainstRuns(runs, after, 0.02, 0.99,
                dev.flamegate.stats.YuenTest.RunTails.NORMAL).degreesOfFreedom();

        assertThat(heavy).isEqualTo(3);
        assertThat(light).isEqualTo(9);
        assertThat(timeWidth).as("interval width of cpu.time with ten runs 5 %% apart").isGreaterThan(0.3);
        assertThat(settings.timeAlone()).isEqualTo(0.5);
    }

    @Test
    void whenTimeIsTooNoisyTheHeadlineSaysWhatCouldBeToldUnchanged() {
        // Runs 30 % apart (log SD), as on one machine of this kind: time cannot resolve 25 %, bytes can.
        Comparison c = oneRunAgainstTen(40, 0.3, 1.0);

        assertThat(c.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(c.headline()).contains("too noisy to tell, smallest detectable change").endsWith("; unchanged: alloc.bytes");
    }

    @Test
    void appendedRunsPoolTheirCalibrationTimes() {
        SplittableRandom random = new SplittableRandom(36);
        Baseline one = Baseline.from(run(random, SyntheticRuns.ENV.withCalibrationNanos(100_000), 1, 1),
                dev.flamegate.baseline.BaselineOptions.defaults());
        Baseline two = one.withRun(Baseline.from(run(random, SyntheticRuns.ENV.withCalibrationNanos(400_000), 1, 1),
                dev.flamegate.baseline.BaselineOptions.defaults()), 5);
        Baseline unknown = two.withRun(Baseline.from(run(random, SyntheticRuns.ENV, 1, 1),
                dev.flamegate.baseline.BaselineOptions.defaults()), 5);

        assertThat(two.environment().calibrationNanos()).isCloseTo(200_000, org.assertj.core.data.Offset.offset(1.0));
        assertThat(unknown.environment().calibrationNanos()).isCloseTo(200_000, org.assertj.core.data.Offset.offset(1.0));
    }

    /**
     * A run on {@code runEnv}, {@code slowdown} times as slow and with {@code bytes} times the allocation,
     * against five runs on {@code baselineEnv} 5 % (log) apart.
     */
    private Comparison oneRunAgainstFive(long seed, Environment baselineEnv, Environment runEnv, double slowdown, double bytes) {
        SplittableRandom random = new SplittableRandom(seed);
        Baseline baseline = baseline(random, baselineEnv, 1.0, 5);
        return BaselineComparator.compare(Optional.of(baseline), run(random, runEnv, slowdown, bytes), settings);
    }

    /** A run {@code slowdown} times as slow, bytes unchanged, against ten runs {@code runSd} (log) apart on this machine. */
    private Comparison oneRunAgainstTen(long seed, double runSd, double slowdown) {
        SplittableRandom random = new SplittableRandom(seed);
        Baseline baseline = baseline(random, FAST, 1.0, 10, runSd);
        return BaselineComparator.compare(Optional.of(baseline), run(random, FAST, slowdown, 1.0), settings);
    }

    private static MetricChange metric(Comparison c, String name) {
        return c.metrics().stream().filter(m -> m.metric().name().equals(name)).findFirst().orElseThrow();
    }

    private static Baseline baseline(SplittableRandom random, Environment env, double speed, int runs) {
        return baseline(random, env, speed, runs, 0.05);
    }

    private static Baseline baseline(SplittableRandom random, Environment env, double speed, int runs, double runSd) {
        List<Measurement> list = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            list.add(run(random, env, speed * Math.exp(runSd * random.nextGaussian()), 1.0));
        }
        return NoisyRuns.baselineOf(list);
    }

    /** One JVM run: {@code slowdown} scales both times, {@code bytes} the allocation; 3 % noise round to round. */
    private static Measurement run(SplittableRandom random, Environment env, double slowdown, double bytes) {
        Function<Double, Double> noisy = v -> v * Math.exp(0.03 * random.nextGaussian());
        List<Round> rounds = new ArrayList<>();
        for (int r = 0; r < 10; r++) {
            Map<Metric, Double> metrics = new LinkedHashMap<>();
            metrics.put(Metric.CPU_TIME, noisy.apply(1_000_000 * slowdown));
            metrics.put(Metric.WALL_TIME, noisy.apply(1_050_000 * slowdown));
            metrics.put(Metric.ALLOCATED_BYTES, 50_000 * bytes * Math.exp(0.002 * random.nextGaussian()));
            rounds.add(new Round(r, 10, metrics, Map.of(), List.of()));
        }
        return new Measurement("com.acme.OrderServiceTest#quotes", "OrderServiceTest.quotes", env, rounds);
    }
}
