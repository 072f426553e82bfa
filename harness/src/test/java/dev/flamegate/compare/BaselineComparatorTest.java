package dev.flamegate.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.BaselineOptions;
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
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BaselineComparatorTest {

    /**
     * The defaults but for {@code timeAlone}: these tests are about the statistics of the workload's totals, so
     * any significant growth counts; the time-alone rule has its own tests ({@link TimeTotalsAcrossMachinesTest}).
     */
    private static final CompareSettings SETTINGS = CompareSettings.defaults().toBuilder().timeAlone(0).build();

    private static Measurement cpuRuns(double... cpuPerRound) {
        List<Round> rounds = new ArrayList<>();
        for (int i = 0; i < cpuPerRound.length; i++) {
            rounds.add(new Round(i, 1, Map.of(Metric.CPU_TIME, cpuPerRound[i]), Map.of(), List.of()));
        }
        return new Measurement("t#m", "t.m", SyntheticRuns.ENV, rounds);
    }

    private static Baseline baseline(Measurement m) {
        return Baseline.from(m, BaselineOptions.defaults());
    }

    @Test
    void noBaselineListsThisRunsValues() {
        Comparison c = BaselineComparator.compare(Optional.empty(), cpuRuns(100, 101, 99, 100, 102), SETTINGS);

        assertThat(c.verdict()).isEqualTo(Verdict.NO_BASELINE);
        assertThat(c.metric("cpu.time")).get().satisfies(m -> {
            assertThat(m.status()).isEqualTo(MetricChange.Status.NOT_COMPARED);
            assertThat(m.after()).isBetween(99.0, 102.0);
            assertThat(m.before()).isNaN();
        });
        assertThat(c.headline()).startsWith("NO_BASELINE t.m: no baseline recorded");
        assertThat(c.describe()).contains("Record the baseline with -Dflamegate.mode=record and commit it");
        assertThat(c.describe(id -> "./record " + id)).contains("Record the baseline with ./record t#m and commit it");
    }

    @Test
    void unchangedRunsPass() {
        Baseline before = baseline(cpuRuns(100, 101, 99, 100, 102));
        Comparison c = BaselineComparator.compare(Optional.of(before), cpuRuns(101, 100, 100, 99, 101), SETTINGS);

        assertThat(c.verdict()).isEqualTo(Verdict.PASS);
        assertThat(c.metric("cpu.time").orElseThrow().status()).isEqualTo(MetricChange.Status.UNCHANGED);
    }

    @Test
    void thirtyPercentSlowerIsARegressionWithItsInterval() {
        Baseline before = baseline(cpuRuns(100, 101, 99, 100, 102));
        Comparison c = BaselineComparator.compare(Optional.of(before), cpuRuns(130, 131, 129, 132, 128), SETTINGS);

        assertThat(c.verdict()).isEqualTo(Verdict.REGRESSION);
        MetricChange m = c.metric("cpu.time").orElseThrow();
        assertThat(m.relativeChange()).isBetween(0.28, 0.31);
        assertThat(m.ciLower()).isGreaterThan(0).isLessThan(m.relativeChange());
        assertThat(m.ciUpper()).isGreaterThan(m.relativeChange());
        assertThat(c.headline()).startsWith("REGRESSION t.m: cpu.time +29.");
        assertThat(c.describe()).contains("WORSE  cpu.time +29.").contains("If this change is intended");
    }

    @Test
    void fasterRunIsAnImprovement() {
        Baseline before = baseline(cpuRuns(100, 101, 99, 100, 102));
        Comparison c = BaselineComparator.compare(Optional.of(before), cpuRuns(70, 71, 69, 70, 72), SETTINGS);

        assertThat(c.verdict()).isEqualTo(Verdict.IMPROVEMENT);
    }

    @Test
    void oneOutlierRoundInFiveRaisesNoAlarm() {
        Baseline before = baseline(cpuRuns(100, 101, 99, 100, 102));
        Comparison c = BaselineComparator.compare(Optional.of(before), cpuRuns(100, 250, 101, 99, 100), SETTINGS);

        assertThat(c.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void oneOutlierRoundInFiveDoesNotHideALargeRegression() {
        Baseline before = baseline(cpuRuns(100, 101, 99, 100, 102));
        Comparison c = BaselineComparator.compare(Optional.of(before), cpuRuns(140, 60, 141, 139, 142), SETTINGS);

        assertThat(c.verdict()).isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void outlierInTheBaselineDoesNotHideARegressionEither() {
        Baseline before = baseline(cpuRuns(100, 101, 300, 100, 102));
        Comparison c = BaselineComparator.compare(Optional.of(before), cpuRuns(140, 141, 139, 142, 140), SETTINGS);

        assertThat(c.verdict()).isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void smallShiftBelowTheMinimumEffectPassesEvenWhenSignificant() {
        Baseline before = baseline(cpuRuns(100, 100.1, 99.9, 100, 100.05, 99.95, 100, 100.1, 99.9, 100));
        Comparison c = BaselineComparator.compare(Optional.of(before),
                cpuRuns(103, 103.1, 102.9, 103, 103.05, 102.95, 103, 103.1, 102.9, 103), SETTINGS);

        assertThat(c.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void perTestMaxRegressionRaisesTheBar() {
        Baseline before = baseline(cpuRuns(100, 101, 99, 100, 102));
        CompareSettings lenient = SETTINGS.withOverrides(k -> k.equals("maxRegression") ? "40%" : null);
        Comparison c = BaselineComparator.compare(Optional.of(before), cpuRuns(130, 131, 129, 132, 128), lenient);

        assertThat(c.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void noisyRunsAreInconclusiveAndSayWhatTheyCouldHaveSeen() {
        Baseline before = baseline(cpuRuns(100, 150, 70, 120, 90));
        Comparison c = BaselineComparator.compare(Optional.of(before), cpuRuns(95, 140, 75, 130, 80), SETTINGS);

        assertThat(c.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        MetricChange m = c.metric("cpu.time").orElseThrow();
        assertThat(m.smallestDetectable()).isGreaterThan(SETTINGS.maxDetectable());
        assertThat(c.headline()).contains("too noisy to tell, smallest detectable change");
    }

    private static Measurement cpuAndWall(double[] cpu, double[] wall) {
        List<Round> rounds = new ArrayList<>();
        for (int i = 0; i < cpu.length; i++) {
            rounds.add(new Round(i, 1, Map.of(Metric.CPU_TIME, cpu[i], Metric.WALL_TIME, wall[i]), Map.of(), List.of()));
        }
        return new Measurement("t#m", "t.m", SyntheticRuns.ENV, rounds);
    }

    @Test
    void wallTimeHasAWiderNoiseFloorThanCpuTime() {
        double[] base = {100, 101, 99, 100, 102, 100, 101, 99, 100, 101};
        double[] slower = {110, 111, 109, 110, 112, 110, 111, 109, 110, 111};
        Comparison c = BaselineComparator.compare(Optional.of(baseline(cpuAndWall(base, base))), cpuAndWall(slower, slower), SETTINGS);

        assertThat(c.metric("cpu.time").orElseThrow().status()).isEqualTo(MetricChange.Status.REGRESSED);
        assertThat(c.metric("wall.time").orElseThrow().status()).isNotEqualTo(MetricChange.Status.REGRESSED);
        assertThat(c.verdict()).isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void noisyWallTimeDoesNotHideAConfidentCpuAnswer() {
        double[] cpu = {100, 101, 99, 100, 102};
        Comparison c = BaselineComparator.compare(Optional.of(baseline(cpuAndWall(cpu, new double[] {100, 180, 60, 140, 90}))),
                cpuAndWall(cpu, new double[] {90, 170, 70, 150, 100}), SETTINGS);

        assertThat(c.metric("wall.time").orElseThrow().status()).isEqualTo(MetricChange.Status.UNCERTAIN);
        assertThat(c.verdict()).isEqualTo(Verdict.PASS);
        assertThat(c.describe()).contains("noisy  wall.time");
    }

    @Test
    void singleRoundIsInconclusive() {
        Baseline before = baseline(cpuRuns(100));
        Comparison c = BaselineComparator.compare(Optional.of(before), cpuRuns(150), SETTINGS);

        assertThat(c.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void differentEnvironmentWarnsInsteadOfFailing() {
        Baseline before = baseline(cpuRuns(100, 101, 99, 100, 102));
        Environment other = new Environment("Acme", "21.0.1+12", "Linux", "amd64", 2, "async-profiler/cpu", "dev");
        List<Round> rounds = cpuRuns(130, 131, 129, 132, 128).rounds();
        Comparison c = BaselineComparator.compare(Optional.of(before), new Measurement("t#m", "t.m", other, rounds), SETTINGS);

        assertThat(c.verdict()).isEqualTo(Verdict.ENVIRONMENT_MISMATCH);
        assertThat(c.environmentMismatches()).containsExactly("JDK 21.0.1+12 vs 17.0.9+9");
        assertThat(c.metric("cpu.time").orElseThrow().status()).isEqualTo(MetricChange.Status.REGRESSED);
        assertThat(c.describe()).contains("Environment differs from the baseline (now vs baseline): JDK 21.0.1+12 vs 17.0.9+9");
    }

    @Test
    void attributionNamesTheFrameWhoseSelfTimeGrewNotItsAncestors() {
        SyntheticRuns runs = new SyntheticRuns(7).withProfiles(5000).cv(0.03);
        Baseline before = baseline(runs.run());
        Comparison c = BaselineComparator.compare(Optional.of(before), runs.run(1.3, "main;a;b;c"), SETTINGS);

        assertThat(c.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(c.frames()).extracting(FrameChange::frame).containsExactly("main;a;b;c");
        FrameChange top = c.frames().get(0);
        assertThat(top.basis()).isEqualTo(FrameChange.Basis.SELF);
        assertThat(top.selfAfter() - top.selfBefore()).isGreaterThan(0.05);
        assertThat(top.qValue()).isLessThanOrEqualTo(SETTINGS.fdr());
    }

    @Test
    void growthSpreadOverManySmallCalleesIsAttributedToTheirCaller() {
        List<Round> beforeRounds = new ArrayList<>();
        List<Round> afterRounds = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            beforeRounds.add(round(r, 1000 + r, Map.of("main;work", 600L + r, "main;other", 400L)));
            Map<String, Long> after = new LinkedHashMap<>();
            after.put("main;work", 600L + r);
            after.put("main;other", 400L);
            for (int k = 0; k < 20; k++) {
                after.put("main;slow;leaf" + k, 10L + (r + k) % 3); // each callee ~1 %: below the min share change
            }
            afterRounds.add(round(r, 1200 + r, after));
        }
        Baseline before = baseline(new Measurement("t#m", "t.m", SyntheticRuns.ENV, beforeRounds));
        Comparison c = BaselineComparator.compare(Optional.of(before), new Measurement("t#m", "t.m", SyntheticRuns.ENV, afterRounds),
                SETTINGS);

        assertThat(c.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(c.frames()).extracting(FrameChange::frame).containsExactly("main;slow");
        assertThat(c.frames().get(0).basis()).isEqualTo(FrameChange.Basis.TOTAL);
        assertThat(c.findings()).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.NEW_HOT_FRAME);
            assertThat(f.subject()).isEqualTo("main;slow");
        });
    }

    @Test
    void deeperRecursionIsAFinding() {
        List<Round> beforeRounds = new ArrayList<>();
        List<Round> afterRounds = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            beforeRounds.add(round(r, 1000, Map.of("main;walk;walk;walk", 500L, "main", 500L)));
            afterRounds.add(round(r, 1300, Map.of("main;walk;walk;walk;walk;walk;walk", 800L, "main", 500L)));
        }
        Comparison c = BaselineComparator.compare(Optional.of(baseline(new Measurement("t#m", "t.m", SyntheticRuns.ENV, beforeRounds))),
                new Measurement("t#m", "t.m", SyntheticRuns.ENV, afterRounds), SETTINGS);

        assertThat(c.findings()).filteredOn(f -> f.kind() == Finding.Kind.DEEPER_RECURSION).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("walk");
            assertThat(f.before()).isEqualTo(3);
            assertThat(f.after()).isEqualTo(6);
            assertThat(f.summary()).isEqualTo("walk recurses 6 deep (median over rounds), at most 3 in the baseline");
        });
    }

    @Test
    void growingGcShareIsGcPressure() {
        List<Round> beforeRounds = new ArrayList<>();
        List<Round> afterRounds = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            beforeRounds.add(round(r, 1000, Map.of("main;work", 950L + r, "GCTaskThread::run;gc", 50L)));
            afterRounds.add(round(r, 1200, Map.of("main;work", 950L + r, "GCTaskThread::run;gc", 250L + r)));
        }
        Comparison c = BaselineComparator.compare(Optional.of(baseline(new Measurement("t#m", "t.m", SyntheticRuns.ENV, beforeRounds))),
                new Measurement("t#m", "t.m", SyntheticRuns.ENV, afterRounds), SETTINGS);

        assertThat(c.findings()).filteredOn(f -> f.kind() == Finding.Kind.GC_PRESSURE).singleElement().satisfies(f -> {
            assertThat(f.before()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(0.001));
            assertThat(f.after()).isCloseTo(0.208, org.assertj.core.data.Offset.offset(0.002));
            assertThat(f.summary()).startsWith("GC and VM threads' share of cpu samples grew from 5.0% to 20.");
        });
    }

    @Test
    void profileOnlyRunsAreJudgedByProfileWeightPerInvocation() {
        List<Round> beforeRounds = new ArrayList<>();
        List<Round> afterRounds = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            beforeRounds.add(profileOnly(r, Map.of("main;a", 1000L + 3 * r, "main;b", 1000L)));
            afterRounds.add(profileOnly(r, Map.of("main;a", 1600L + 3 * r, "main;b", 1000L)));
        }
        Comparison c = BaselineComparator.compare(Optional.of(baseline(new Measurement("t#m", "t.m", SyntheticRuns.ENV, beforeRounds))),
                new Measurement("t#m", "t.m", SyntheticRuns.ENV, afterRounds), SETTINGS);

        assertThat(c.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(c.metrics()).singleElement().satisfies(m -> {
            assertThat(m.metric().name()).isEqualTo("profile.cpu");
            assertThat(m.gated()).isTrue();
        });
        assertThat(c.frames()).extracting(FrameChange::frame).containsExactly("main;a");
    }

    private static Round round(int index, double cpu, Map<String, Long> stacks) {
        Profile.Builder profile = Profile.builder(Event.CPU);
        stacks.forEach(profile::add);
        return new Round(index, 1, Map.of(Metric.CPU_TIME, cpu), Map.of(Event.CPU, profile.build()), List.of());
    }

    private static Round profileOnly(int index, Map<String, Long> stacks) {
        Profile.Builder profile = Profile.builder(Event.CPU);
        stacks.forEach(profile::add);
        return new Round(index, 1, Map.of(), Map.of(Event.CPU, profile.build()), List.of());
    }

    /**
     * Rounds of a test whose {@code pad} spends half the time in {@code concat}, reached through {@code viaA} or,
     * for 4 % of the time plus {@code movedToB}, through {@code viaB}.
     */
    private static Measurement concatRuns(String[] viaA, String[] viaB, double movedToB, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Round> rounds = new ArrayList<>();
        for (int r = 0; r < 8; r++) {
            double noise = 1 + 0.02 * (random.nextDouble() - 0.5);
            Profile profile = Profile.builder(Event.CPU)
                    .add("main;render;row", Math.round(4000 * noise))
                    .add("main;render;pad", Math.round(1000 * noise))
                    .add("main;render;pad;" + String.join(";", viaA) + ";concat", Math.round(10_000 * (0.46 - movedToB) * noise))
                    .add("main;render;pad;" + String.join(";", viaB) + ";concat", Math.round(10_000 * (0.04 + movedToB) * noise))
                    .build();
            rounds.add(new Round(r, 1, Map.of(Metric.CPU_TIME, 1000 * noise), Map.of(Event.CPU, profile), List.of()));
        }
        return new Measurement("t#m", "t.m", SyntheticRuns.ENV, rounds);
    }

    @Test
    void aCallSplitOtherwiseBetweenMethodHandleChainsIsTheSameCost() {
        String[] lambdaForm = {"java.lang.invoke.LambdaForm$MH.invoke"};
        String[] linked = {"java.lang.invoke.Invokers$Holder.linkToTargetMethod", "java.lang.invoke.DirectMethodHandle$Holder.invokeStatic"};
        Baseline before = baseline(concatRuns(lambdaForm, linked, 0, 1));

        Comparison c = BaselineComparator.compare(Optional.of(before), concatRuns(lambdaForm, linked, 0.015, 2), SETTINGS);

        assertThat(c.verdict()).isEqualTo(Verdict.PASS);
        assertThat(c.frames()).isEmpty();
    }

    @Test
    void theSameSplitBetweenTwoOfTheCodesOwnMethodsIsARegression() {
        String[] fast = {"com.acme.Text.fastPath"};
        String[] slow = {"com.acme.Text.slowPath"};
        Baseline before = baseline(concatRuns(fast, slow, 0, 1));

        Comparison c = BaselineComparator.compare(Optional.of(before), concatRuns(fast, slow, 0.015, 2), SETTINGS);

        assertThat(c.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(c.frames()).extracting(FrameChange::frame).containsExactly("main;render;pad;com.acme.Text.slowPath;concat");
    }
}
