package dev.flamegate.junit;

import dev.flamegate.measure.Measurement;
import dev.flamegate.profile.Profile;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;

/**
 * AssertJ entry points for explicit checks on a {@link ProfiledRun}'s results:
 *
 * <pre>{@code
 * run.ifMeasured(m -> assertThat(m).allocatesPerInvocationAtMost(1024));
 * run.profile(CPU).ifPresent(p -> assertThat(p).frame("com.acme.Pricing.quote").hasTotalShareBelow(0.3));
 * assertThatSpans(run.spans()).hasNoRepeatedCallsOf("SELECT price");
 * }</pre>
 */
public final class FlamegateAssertions {

    private FlamegateAssertions() {
    }

    /** Checks on a profile and its frames. */
    public static ProfileAssert assertThat(Profile actual) {
        return new ProfileAssert(actual);
    }

    /** Checks on per-invocation metrics. */
    public static MeasurementAssert assertThat(Measurement actual) {
        return new MeasurementAssert(actual);
    }

    /** Checks on the spans of one invocation, e.g. for repeated-call (N+1) patterns. */
    public static SpansAssert assertThatSpans(List<SpanData> actual) {
        return new SpansAssert(actual);
    }
}
