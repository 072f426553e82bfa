package dev.flamegate.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.flamegate.baseline.BaselineIds;
import dev.flamegate.compare.Verdict;
import dev.flamegate.junit.fixtures.BusyTimeoutFixture;
import dev.flamegate.junit.fixtures.FaultyBodyFixture;
import dev.flamegate.junit.fixtures.FaultyBodyFixture.Fault;
import dev.flamegate.junit.fixtures.SeparateThreadTimeoutFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * A body that throws, is interrupted or hangs into its {@code @Timeout} in the middle of the measured rounds
 * in record mode over an existing baseline: the test fails with the same exception as
 * without flamegate, the previous baseline stays byte for byte, nothing is left beside it, and the profiler is
 * free for the next test.
 */
class TestBodyFaultsTest {

    private static final String ID = FaultyBodyFixture.class.getName() + "#body";

    @TempDir
    Path baselines;
    @TempDir
    Path output;

    @AfterEach
    void behave() {
        FaultyBodyFixture.fault = Fault.NONE;
        FaultyBodyFixture.failAt = 3;
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"THROW", "INTERRUPT", "HANG"})
    void aFailingBodyFailsAsWithoutFlamegateAndKeepsThePreviousBaseline(Fault fault) throws IOException {
        EngineRuns runs = new EngineRuns(baselines, output);
        Map<String, String> record = Map.of(ProfiledTest.MODE_KEY, "record");
        runs.run(FaultyBodyFixture.class, record).testEvents().assertStatistics(s -> s.succeeded(1));
        Path json = baselines.resolve(BaselineIds.fileName(ID)).resolve("baseline.json");
        byte[] previous = Files.readAllBytes(json);

        FaultyBodyFixture.fault = fault;
        FaultyBodyFixture.failAt = 1; // without flamegate the body runs once
        Throwable plain = failure(runs.run(FaultyBodyFixture.class, Map.of(ProfiledTest.MODE_KEY, "off")));
        FaultyBodyFixture.failAt = 3; // with flamegate: in the second measured round
        EngineExecutionResults profiled = runs.run(FaultyBodyFixture.class, record);

        profiled.testEvents().assertThatEvents().haveExactly(1, event(test("body"),
                finishedWithFailure(instanceOf(plain.getClass()), message(plain.getMessage()))));
        assertThat(plain).isInstanceOf(switch (fault) {
            case THROW -> IllegalStateException.class;
            case INTERRUPT -> InterruptedException.class;
            default -> TimeoutException.class;
        });
        assertThat(json).hasBinaryContent(previous);
        try (Stream<Path> entries = Files.list(baselines)) {
            assertThat(entries).as("no temporary or partial baseline beside it").containsExactly(json.getParent());
        }
        assertThat(Thread.currentThread().isInterrupted()).isFalse();

        FaultyBodyFixture.fault = Fault.NONE;
        EngineExecutionResults next = runs.run(FaultyBodyFixture.class, record);
        next.testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(EngineRuns.reportEntries(next)).anySatisfy(e -> assertThat(e).containsEntry("flamegate.verdict", "RECORDED"));
    }

    /** 3: in the second measured round; 7: in the call JUnit makes after the six measured invocations. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {3, 7})
    void aBodyThatThrowsIsAnErrorInItsResultAndInTheRunReport(int failAt) throws IOException {
        FaultyBodyFixture.fault = Fault.THROW;
        FaultyBodyFixture.failAt = failAt;
        EngineExecutionResults results = new EngineRuns(baselines, output).run(FaultyBodyFixture.class, Map.of());
        results.testEvents().assertThatEvents().haveExactly(1, event(test("body"),
                finishedWithFailure(instanceOf(IllegalStateException.class), message("boom in the body"))));

        Path result = output.resolve(BaselineIds.fileName(ID)).resolve("result.json");
        dev.flamegate.compare.Comparison written = dev.flamegate.compare.ComparisonJson.read(result);
        assertThat(written.verdict()).isEqualTo(dev.flamegate.compare.Verdict.ERROR);
        assertThat(written.headline()).endsWith("threw java.lang.IllegalStateException: boom in the body");

        dev.flamegate.report.RunReport.Outcome report = dev.flamegate.report.RunReport.builder().resultsRoot(output)
                .outputDirectory(output.resolve("report")).build().write();
        assertThat(report.run().count(Verdict.ERROR)).isEqualTo(1);
        assertThat(report.run().statusLine()).startsWith("1 error").doesNotContain("0 regressions");
        assertThat(Files.readString(report.comment())).contains("| ERROR |", "boom in the body");
    }

    @Test
    void aBodyAbandonedByASeparateThreadTimeoutDoesNotBlockTheNextProfiledTest() {
        long start = System.nanoTime();
        EngineExecutionResults results = new EngineRuns(baselines, output).run(
                SeparateThreadTimeoutFixture.class, Map.of(ProfiledTest.MODE_KEY, "record"));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        results.testEvents().assertThatEvents().haveExactly(1, event(test("hangs"),
                finishedWithFailure(instanceOf(TimeoutException.class), message("hangs() timed out after 2 seconds"))));
        results.testEvents().assertThatEvents().haveExactly(1, event(test("next"),
                finishedSuccessfully()));
        assertThat(seconds).as("the next test did not wait for the abandoned body's 60 s sleep").isLessThan(50);
        assertThat(baselines.resolve(BaselineIds.fileName(
                SeparateThreadTimeoutFixture.class.getName() + "#hangs"))).doesNotExist();
    }

    @Test
    void aBusyBodyStopsAtTheNextInvocationWhenItsTimeoutInterruptsIt() {
        BusyTimeoutFixture.invocations.set(0);
        BusyTimeoutFixture.startedInterrupted.set(0);
        EngineExecutionResults results = new EngineRuns(baselines, output).run(BusyTimeoutFixture.class, Map.of());

        results.testEvents().assertThatEvents().haveExactly(1, event(test("busy"),
                finishedWithFailure(instanceOf(TimeoutException.class), message("busy() timed out after 1 second"))));
        // A cold JVM may time out before the first invocation; either way none may begin after the interrupt.
        assertThat(BusyTimeoutFixture.invocations.get()).as("invocations run").isLessThan(10_000);
        assertThat(BusyTimeoutFixture.startedInterrupted.get()).as("invocations begun after the interrupt").isZero();
        assertThat(baselines).as("baselines").isEmptyDirectory();
    }

    private static Throwable failure(EngineExecutionResults results) {
        return results.testEvents().failed().stream().findFirst()
                .flatMap(e -> e.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable())
                .orElseThrow(() -> new AssertionError("the plain run did not fail"));
    }
}
