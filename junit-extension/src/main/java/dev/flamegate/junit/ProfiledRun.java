package dev.flamegate.junit;

import dev.flamegate.capture.ProfilerEngine;
import dev.flamegate.measure.Measurement;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The measurement of the running profiled test, injected as a test method parameter:
 *
 * <pre>{@code
 * @ProfiledTest
 * void quotesWithoutWaste(ProfiledRun run) {
 *     pricing.quote(order);
 *     run.ifMeasured(m -> assertThat(m).allocatesPerInvocationAtMost(1024));
 * }
 * }</pre>
 *
 * <p>During warm-up and the measured rounds {@link #measurement()} is empty; in the last, unmeasured invocation
 * (see {@link ProfiledTest}) it holds this run's rounds, and {@link #ifMeasured} runs its check.
 * One instance per test (per invocation of a template); not shared between threads.
 */
public final class ProfiledRun {

    private WorkloadRunner.Result result;

    ProfiledRun() {
    }

    void complete(WorkloadRunner.Result finished) {
        this.result = finished;
    }

    /** Whether the measured rounds are done, i.e. this is the final, unmeasured invocation. */
    public boolean isMeasured() {
        return result != null;
    }

    /** This run's measurement, once the measured rounds are done. */
    public Optional<Measurement> measurement() {
        return Optional.ofNullable(result).map(WorkloadRunner.Result::measurement);
    }

    /** Runs {@code check} with the measurement in the final invocation; does nothing before. */
    public void ifMeasured(Consumer<Measurement> check) {
        measurement().ifPresent(check);
    }

    /** The profile of {@code event}, all measured rounds merged; empty before or when not sampled. */
    public Optional<Profile> profile(Event event) {
        return Optional.ofNullable(result).map(r -> r.merged().get(event));
    }

    /** Every merged profile by event; empty before the rounds are done. */
    public Map<Event, Profile> profiles() {
        return result == null ? Map.of() : result.merged();
    }

    /** The spans of the first measured invocation (of the first round); empty before or without traces. */
    public List<SpanData> spans() {
        return result == null ? List.of() : result.measurement().rounds().get(0).spans();
    }

    /** The engine that sampled, {@link ProfilerEngine#NONE} before the rounds are done. */
    public ProfilerEngine engine() {
        return result == null ? ProfilerEngine.NONE : result.engine();
    }
}
