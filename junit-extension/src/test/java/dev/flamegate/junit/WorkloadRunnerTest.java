package dev.flamegate.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Metric;
import dev.flamegate.measure.Round;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkloadRunnerTest {

    private static final long ROUND_MILLIS = 100;

    /** A body whose first invocation is slow (class loading, interpretation) and later ones take about 1 ms. */
    private static WorkloadRunner.Workload slowFirstInvocation(AtomicInteger calls) {
        return () -> {
            Thread.sleep(calls.getAndIncrement() == 0 ? 3 * ROUND_MILLIS / 4 : 1);
        };
    }

    private static ProfilingConfig config(Map<String, String> parameters) {
        return ProfilingConfig.resolve(Options.NONE, key -> Map.of(
                dev.flamegate.capture.ProfilerSettings.ENGINE_KEY, "none",
                ProfiledTest.ROUND_TIME_KEY, ROUND_MILLIS + "ms",
                ProfiledTest.ROUNDS_KEY, "3").getOrDefault(key, parameters.get(key)));
    }

    @Test
    void calibratesOnTheLastWarmUpRoundSoThatRoundsLastTheRoundTime() throws Throwable {
        AtomicInteger calls = new AtomicInteger();
        Measurement m = WorkloadRunner.run(config(Map.of()), "id", "name", slowFirstInvocation(calls), null).measurement();

        // Calibrating on the first invocation (75 ms) would give 1 or 2 invocations per 100 ms round.
        Round first = m.rounds().get(0);
        assertThat(first.invocations()).isGreaterThanOrEqualTo(10);
        for (Round round : m.rounds()) {
            double roundMillis = round.metrics().get(Metric.WALL_TIME) * round.invocations() / 1e6;
            // Generous for loaded machines, where a sleep may take longer while calibrating than later.
            assertThat(roundMillis).as("round %d", round.index()).isGreaterThanOrEqualTo(ROUND_MILLIS / 4.0);
        }
    }

    @Test
    void withoutWarmUpOneUnmeasuredRoundStillCalibrates() throws Throwable {
        AtomicInteger calls = new AtomicInteger();
        ProfilingConfig config = config(Map.of(ProfiledTest.WARMUP_KEY, "0"));
        Measurement m = WorkloadRunner.run(config, "id", "name", () -> {
            calls.incrementAndGet();
            Thread.sleep(1);
        }, null).measurement();

        long measured = m.rounds().stream().mapToLong(Round::invocations).sum();
        assertThat((long) calls.get()).as("invocations before the measured rounds").isGreaterThan(measured);
        assertThat(m.rounds().get(0).invocations()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aFixedInvocationCountIsUsedForWarmUpAndRounds() throws Throwable {
        AtomicInteger calls = new AtomicInteger();
        // A warm-up budget of 0 and no more rounds than asked: exactly the configured counts.
        ProfilingConfig config = config(Map.of(ProfiledTest.INVOCATIONS_KEY, "3", ProfiledTest.WARMUP_KEY, "2",
                ProfiledTest.WARMUP_BUDGET_KEY, "0", ProfiledTest.MAX_ROUNDS_KEY, "3"));
        Measurement m = WorkloadRunner.run(config, "id", "name", slowFirstInvocation(calls), null).measurement();

        assertThat(m.rounds()).extracting(Round::invocations).containsExactly(3L, 3L, 3L);
        assertThat(calls.get()).isEqualTo(2 * 3 + 3 * 3);
    }

    @Test
    void warmUpGoesOnWhileRoundsStillGetFaster() throws Throwable {
        AtomicInteger calls = new AtomicInteger();
        // Each invocation sleeps less until the 60th (about six 100 ms rounds of 10 invocations), then stays at 1 ms.
        WorkloadRunner.Workload speedingUp = () -> Thread.sleep(Math.max(1, 10 - calls.getAndIncrement() / 6));
        ProfilingConfig config = config(Map.of(ProfiledTest.INVOCATIONS_KEY, "10", ProfiledTest.WARMUP_BUDGET_KEY, "5s"));

        WorkloadRunner.WarmUp warmUp = WorkloadRunner.warmUp(speedingUp, config);

        assertThat(warmUp.rounds()).as("rounds until the sleeps stopped shrinking").hasSizeGreaterThanOrEqualTo(6);
        assertThat(calls.get()).isEqualTo(10 * warmUp.rounds().size());
    }

    @Test
    void aWarmUpThatRunsOutOfBudgetSaysWhyAndTheRunCarriesTheNote() throws Throwable {
        AtomicInteger calls = new AtomicInteger();
        // Faster every invocation, never flat: no steady state within 300 ms.
        WorkloadRunner.Workload alwaysFaster = () -> Thread.sleep(Math.max(1, 40 - calls.getAndIncrement()));
        ProfilingConfig config = config(Map.of(ProfiledTest.INVOCATIONS_KEY, "2", ProfiledTest.WARMUP_BUDGET_KEY, "300ms",
                ProfiledTest.MAX_ROUNDS_KEY, "3"));

        WorkloadRunner.Result result = WorkloadRunner.run(config, "id", "name", alwaysFaster, null);

        assertThat(result.notes()).anySatisfy(note -> assertThat(note)
                .startsWith("warm-up did not reach steady state in").contains("rounds still").contains("% faster"));
        assertThat(result.measurement().rounds()).hasSize(3);
    }
}
