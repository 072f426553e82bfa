package dev.flamegate.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.flamegate.baseline.BaselineIds;
import dev.flamegate.junit.fixtures.ExtraSpanFixture;
import dev.flamegate.junit.fixtures.FailingFixture;
import dev.flamegate.junit.fixtures.ForeignLoadFixture;
import dev.flamegate.junit.fixtures.MisconfiguredFixture;
import dev.flamegate.junit.fixtures.NestedDefaultsFixture;
import dev.flamegate.junit.fixtures.OverloadedFixture;
import dev.flamegate.junit.fixtures.ParallelFixture;
import dev.flamegate.junit.fixtures.ParameterizedFixture;
import dev.flamegate.junit.fixtures.PassingFixture;
import dev.flamegate.junit.fixtures.SlowableFixture;
import dev.flamegate.junit.fixtures.TimeoutFixture;
import dev.flamegate.junit.fixtures.TracedFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/** Runs fixture classes through the Jupiter engine and checks what a user would see. */
class ProfiledTestEngineTest {

    @TempDir
    Path baselines;
    @TempDir
    Path output;

    private EngineExecutionResults run(Class<?> fixture, Map<String, String> parameters) {
        return new EngineRuns(baselines, output).run(fixture, parameters);
    }

    private static Events tests(EngineExecutionResults results) {
        return results.testEvents();
    }

    private Path baselineOf(String id) {
        return baselines.resolve(BaselineIds.fileName(id));
    }

    private Path artifactsOf(String id) {
        return output.resolve(BaselineIds.fileName(id));
    }

    @Test
    void missingBaselineIsRecordedLocallyThenTheSameWorkPasses() {
        String id = PassingFixture.class.getName() + "#steadyWork";

        tests(run(PassingFixture.class, Map.of())).assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(baselineOf(id).resolve("baseline.json")).isRegularFile();

        EngineExecutionResults second = run(PassingFixture.class, Map.of());
        tests(second).assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(artifactsOf(id).resolve("result.json")).content().contains("\"id\" : \"" + id + "\"");
        assertThat(artifactsOf(id)).isDirectoryContaining(p -> p.getFileName().toString().equals("cpu.collapsed"))
                .isDirectoryContaining(p -> p.getFileName().toString().equals("cpu.flame.html"))
                .isDirectoryContaining(p -> p.getFileName().toString().equals("cpu.diff.html"))
                .isDirectoryContaining(p -> p.getFileName().toString().equals(Verdicts.ROUND_CHART));
        assertThat(reportEntries(second)).anySatisfy(e -> assertThat(e).containsKey("flamegate.verdict"));
    }

    @Test
    void aSlowerBodyFailsWithTheComparisonAndTheFlameDiff() {
        try {
            SlowableFixture.slowdown = 0;
            tests(run(SlowableFixture.class, Map.of())).assertStatistics(s -> s.succeeded(1));
            SlowableFixture.slowdown = 8_000; // 5x the work
            EngineExecutionResults slow = run(SlowableFixture.class, Map.of());
            tests(slow).assertThatEvents().haveExactly(1, event(test("quote"), finishedWithFailure(
                    instanceOf(AssertionFailedError.class),
                    message(m -> m.startsWith("[flamegate] REGRESSION for SlowableFixture.quote")
                            && m.contains("cpu.time")
                            && m.contains("Frames that explain it") && m.contains("SlowableFixture$Slow.addedWork")
                            && m.contains("Differential flame graph (cpu): "
                                    + artifactsOf(SlowableFixture.class.getName() + "#quote").resolve("cpu.diff.html"))))));
        } finally {
            SlowableFixture.slowdown = 0;
        }
    }

    @Test
    void missingBaselineOnCiFailsWithTheCommandThatRecordsIt() {
        String id = PassingFixture.class.getName() + "#steadyWork";
        EngineExecutionResults results = run(PassingFixture.class, Map.of(ProfilingConfig.CI_KEY, "true"));
        tests(results).assertThatEvents().haveExactly(1, event(test("steadyWork"), finishedWithFailure(message(
                "No baseline for " + id + " in " + baselineOf(id) + ", and CI=true does not record one. Record the"
                        + " baseline with mvn verify -Dflamegate.mode=record -Dtest='PassingFixture#steadyWork' and commit it."))));
        assertThat(baselineOf(id)).doesNotExist();
    }

    @Test
    void missingBaselineOnCiCanBeAllowedToPass() {
        EngineExecutionResults results = run(PassingFixture.class,
                Map.of(ProfilingConfig.CI_KEY, "true", ProfiledTest.CI_MISSING_BASELINE_KEY, "pass"));
        tests(results).assertStatistics(s -> s.succeeded(1));
        assertThat(baselines).isEmptyDirectory();
    }

    @Test
    void aFailingBodyFailsWithItsOwnExceptionAndRecordsNothing() {
        FailingFixture.invocations = 0;
        EngineExecutionResults results = run(FailingFixture.class, Map.of());
        tests(results).assertThatEvents().haveExactly(1, event(test("failsSometimes"),
                finishedWithFailure(instanceOf(IllegalStateException.class), message("boom in invocation 3"))));
        assertThat(FailingFixture.invocations).isEqualTo(3);
        assertThat(baselines).isEmptyDirectory();
    }

    @Test
    void eachArgumentSetOfAParameterizedTestHasItsOwnBaseline() throws IOException {
        tests(run(ParameterizedFixture.class, Map.of(ProfiledTest.MODE_KEY, "record")))
                .assertStatistics(s -> s.succeeded(2));
        String method = ParameterizedFixture.class.getName() + "#quotes";
        assertThat(baselineOf(method + "[1: currency=EUR, micros=100]").resolve("baseline.json")).isRegularFile();
        assertThat(baselineOf(method + "[2: currency=USD, micros=300]").resolve("baseline.json")).isRegularFile();
        try (Stream<Path> dirs = Files.list(baselines)) {
            assertThat(dirs.filter(Files::isDirectory).count()).isEqualTo(2);
        }
    }

    @Test
    void misconfigurationFailsEarlyNamingTheMethod() {
        EngineExecutionResults results = run(MisconfiguredFixture.class, Map.of());
        tests(results).assertThatEvents().haveExactly(1, event(test("oneRound"), finishedWithFailure(message(
                "Configuration error: @ProfiledTest on method [void " + MisconfiguredFixture.class.getName()
                        + ".oneRound()] must declare at least 2 rounds (statistics need round-to-round noise), was 1"))));
    }

    @Test
    void withoutAProfilerTheTestStillRunsAndSaysSo() {
        EngineExecutionResults results = run(PassingFixture.class, Map.of("flamegate.profiler.engine", "none"));
        tests(results).assertStatistics(s -> s.succeeded(1));
        assertThat(reportEntries(results)).anySatisfy(e -> assertThat(e).containsEntry("flamegate.engine", "none"));
        assertThat(artifactsOf(PassingFixture.class.getName() + "#steadyWork").resolve("result.json")).content()
                .contains("\"profilerEngine\" : \"none\"");
    }

    @Test
    void jfrFallbackProfilesWhenForced() {
        EngineExecutionResults results = run(PassingFixture.class, Map.of("flamegate.profiler.engine", "jfr"));
        tests(results).assertStatistics(s -> s.succeeded(1));
        assertThat(reportEntries(results)).anySatisfy(e -> assertThat(e).containsEntry("flamegate.engine", "jfr"));
        assertThat(artifactsOf(PassingFixture.class.getName() + "#steadyWork").resolve("cpu.collapsed")).content()
                .contains("engine=jfr");
    }

    @Test
    void offModeRunsThePlainTest() {
        EngineExecutionResults results = run(PassingFixture.class, Map.of(ProfiledTest.MODE_KEY, "off"));
        tests(results).assertStatistics(s -> s.succeeded(1));
        assertThat(baselines).isEmptyDirectory();
        assertThat(output).isEmptyDirectory();
    }

    @Test
    void spansFromAnInjectedTracerAndFromTheGlobalAreCapturedAndTheGlobalRestored() {
        TracedFixture.SPANS_SEEN.clear();
        boolean globalBefore = io.opentelemetry.api.GlobalOpenTelemetry.isSet();
        tests(run(TracedFixture.class, Map.of())).assertStatistics(s -> s.succeeded(1));
        assertThat(TracedFixture.SPANS_SEEN).containsExactly(3);
        assertThat(artifactsOf(TracedFixture.class.getName() + "#traced").resolve("trace-shape.txt")).content()
                .contains("quote").contains("SELECT price");
        assertThat(io.opentelemetry.api.GlobalOpenTelemetry.isSet()).isEqualTo(globalBefore);
    }

    @Test
    void underParallelExecutionProfiledTestsNeverOverlapAndKeepTheirOwnFramesAndSpans() throws IOException {
        ParallelFixture.WINDOWS.clear();
        ParallelFixture.SPANS.clear();
        ParallelFixture.PLAIN.clear();
        EngineExecutionResults results = run(ParallelFixture.class, Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "4"));
        tests(results).assertStatistics(s -> s.succeeded(14).failed(0));

        // Each test's invocations (measured rounds and the final one) must not interleave with any other test's.
        Map<String, long[]> windows = new java.util.HashMap<>();
        for (Object[] w : ParallelFixture.WINDOWS) {
            windows.merge((String) w[0], new long[] {(Long) w[1], (Long) w[2]},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        assertThat(windows).containsOnlyKeys(ParallelFixture.PROFILED);
        List<Map.Entry<String, long[]>> ordered = new java.util.ArrayList<>(windows.entrySet());
        ordered.sort(java.util.Comparator.comparingLong(e -> e.getValue()[0]));
        for (int i = 1; i < ordered.size(); i++) {
            assertThat(ordered.get(i).getValue()[0]).as("%s starts after %s ended", ordered.get(i).getKey(),
                    ordered.get(i - 1).getKey()).isGreaterThan(ordered.get(i - 1).getValue()[1]);
        }
        for (String name : ParallelFixture.PROFILED) {
            // No cross-talk: each run saw exactly its own span ...
            assertThat(ParallelFixture.SPANS.get(name)).as("spans of %s", name).containsExactly(name);
            // ... and its results went to its own id, with its own frame and no other profiled test's.
            Path artifacts = artifactsOf(ParallelFixture.class.getName() + "#" + name);
            assertThat(artifacts.resolve("result.json")).content()
                    .contains("\"id\" : \"" + ParallelFixture.class.getName() + "#" + name + "\"");
            String profile = Files.readString(artifacts.resolve("cpu.collapsed"));
            if (!profile.contains("engine=jfr") && !profile.contains("engine=none")) { // JFR samples too rarely here
                assertThat(profile).as("profile of %s", name).contains("ParallelFixture$Frames." + name + ";");
            }
            for (String other : ParallelFixture.PROFILED) {
                if (!other.equals(name)) {
                    assertThat(profile).as("profile of %s", name).doesNotContain("ParallelFixture$Frames." + other + ";");
                }
            }
        }
        assertThat(ParallelFixture.PLAIN).hasSize(6);
    }

    @Test
    void underParallelExecutionNoOtherTestRunsWhileAProfiledTestIsMeasured() throws IOException {
        ForeignLoadFixture.MEASURED.clear();
        ForeignLoadFixture.FOREIGN.clear();
        String id = ForeignLoadFixture.Measured.class.getName() + "#ownWork";
        tests(run(ForeignLoadFixture.Measured.class, Map.of(ProfiledTest.MODE_KEY, "record"))).assertStatistics(s -> s.succeeded(1));
        ForeignLoadFixture.MEASURED.clear();

        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(ForeignLoadFixture.Foreign.class), selectClass(ForeignLoadFixture.Measured.class))
                .configurationParameter(ProfiledTest.BASELINES_DIR_KEY, baselines.toString())
                .configurationParameter(ProfiledTest.OUTPUT_DIR_KEY, output.toString())
                .configurationParameter(ProfilingConfig.CI_KEY, "false")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
                .execute();

        tests(results).assertStatistics(s -> s.succeeded(7).failed(0));
        long measuredStart = ForeignLoadFixture.MEASURED.stream().mapToLong(w -> w[0]).min().orElseThrow();
        long measuredEnd = ForeignLoadFixture.MEASURED.stream().mapToLong(w -> w[1]).max().orElseThrow();
        assertThat(ForeignLoadFixture.FOREIGN).hasSize(6).allSatisfy(w -> assertThat(w[1] < measuredStart || w[0] > measuredEnd)
                .as("a foreign invocation [%d, %d] overlaps the profiled window [%d, %d]", w[0], w[1], measuredStart, measuredEnd)
                .isTrue());
        assertThat(Files.readString(artifactsOf(id).resolve("cpu.collapsed"))).doesNotContain("foreignHotFrame");
        assertThat(EngineRuns.reportEntries(results)).filteredOn(e -> e.containsKey("flamegate.verdict"))
                .singleElement().satisfies(e -> assertThat(e.get("flamegate.verdict")).isNotEqualTo("REGRESSION"));
    }

    @Test
    void anExtraSpanPerInvocationIsATraceShapeRegression() {
        try {
            ExtraSpanFixture.extraQuery = false;
            tests(run(ExtraSpanFixture.class, Map.of())).assertStatistics(s -> s.succeeded(1));
            ExtraSpanFixture.extraQuery = true;
            tests(run(ExtraSpanFixture.class, Map.of())).assertThatEvents().haveExactly(1, event(test("quote"),
                    finishedWithFailure(instanceOf(AssertionFailedError.class), message(m ->
                            m.startsWith("[flamegate] REGRESSION for ExtraSpanFixture.quote") && m.contains("SELECT price")))));
            assertThat(artifactsOf(ExtraSpanFixture.class.getName() + "#quote").resolve("trace-shape.diff.txt")).exists();
        } finally {
            ExtraSpanFixture.extraQuery = false;
        }
    }

    @Test
    void classDefaultsReachNestedClassesAndMethodOptionsWin() {
        NestedDefaultsFixture.SEEN.clear();
        // No rounds beyond those declared, so that the counts are the declared ones.
        tests(run(NestedDefaultsFixture.class, Map.of(ProfiledTest.MAX_ROUNDS_KEY, "1"))).assertStatistics(s -> s.succeeded(2));
        assertThat(NestedDefaultsFixture.SEEN).containsExactlyInAnyOrder("inherits:3:2", "overrides:4:2");
        assertThat(baselineOf(NestedDefaultsFixture.class.getName() + "$Inner" + "#inherits").resolve("baseline.json")).isRegularFile();
    }

    @Test
    void onlyTheListedTestsRunWhenAnABRunAsksForTheUnclearOnes() {
        NestedDefaultsFixture.SEEN.clear();
        String overrides = NestedDefaultsFixture.class.getName() + "$Inner" + "#overrides";

        tests(run(NestedDefaultsFixture.class, Map.of(ProfiledTest.MAX_ROUNDS_KEY, "1", FlamegateExtension.ONLY_KEY,
                "com.example.Other#t, " + overrides))).assertStatistics(s -> s.succeeded(1).aborted(1).failed(0));

        assertThat(NestedDefaultsFixture.SEEN).containsExactly("overrides:4:2");
        assertThat(baselineOf(overrides).resolve("baseline.json")).isRegularFile();
        assertThat(baselineOf(NestedDefaultsFixture.class.getName() + "$Inner" + "#inherits")).doesNotExist();
    }

    @Test
    void anUnwritableOutputDirectoryIsAWarningAndTheTestStillPasses() throws IOException {
        Path blocked = output.resolve("blocked");
        Files.writeString(blocked, "a file where the output directory should be");
        EngineExecutionResults results = run(PassingFixture.class, Map.of(ProfiledTest.OUTPUT_DIR_KEY, blocked.toString()));
        tests(results).assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(reportEntries(results)).anySatisfy(e -> assertThat(e.get("flamegate.warnings")).contains("could not write " + blocked));
        assertThat(baselineOf(PassingFixture.class.getName() + "#steadyWork").resolve("baseline.json")).isRegularFile();
    }

    @Test
    void aTestFailedByItsTimeoutRecordsNoBaseline() {
        EngineExecutionResults results = run(TimeoutFixture.class, Map.of());
        tests(results).assertThatEvents().haveExactly(1, event(test("tooSlow"),
                finishedWithFailure(instanceOf(java.util.concurrent.TimeoutException.class),
                        message("tooSlow() timed out after 1 millisecond"))));
        assertThat(baselines).isEmptyDirectory();
    }

    @Test
    void twoTestsWithOneBaselineIdAreAConfigurationError() {
        EngineExecutionResults results = run(OverloadedFixture.class, Map.of());
        tests(results).assertStatistics(s -> s.succeeded(1).failed(1));
        tests(results).assertThatEvents().haveExactly(1, event(finishedWithFailure(
                instanceOf(org.junit.jupiter.api.extension.ExtensionConfigurationException.class),
                message(m -> m.startsWith("Configuration error: @ProfiledTest on method [void ")
                        && m.contains("must have a baseline id of its own, but " + OverloadedFixture.class.getName()
                                + "#quote is already used by [engine:junit-jupiter]")))));
    }

    private static List<Map<String, String>> reportEntries(EngineExecutionResults results) {
        return EngineRuns.reportEntries(results);
    }
}
