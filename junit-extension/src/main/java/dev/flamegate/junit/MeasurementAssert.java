package dev.flamegate.junit;

import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Metric;
import java.time.Duration;
import java.util.Arrays;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link Measurement}'s per-invocation metrics. A bound holds when the <em>median</em> round
 * value stays within it, so one disturbed round does not fail the check.
 */
public class MeasurementAssert extends AbstractAssert<MeasurementAssert, Measurement> {

    MeasurementAssert(Measurement actual) {
        super(actual, MeasurementAssert.class);
    }

    /** Verifies the calling thread allocates at most {@code bytes} per invocation. */
    public MeasurementAssert allocatesPerInvocationAtMost(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a byte bound must not be negative, was " + bytes);
        }
        return atMost(Metric.ALLOCATED_BYTES, bytes, "allocate", "bytes");
    }

    /** Verifies the calling thread uses at most {@code cpu} of CPU time per invocation. */
    public MeasurementAssert usesCpuPerInvocationAtMost(Duration cpu) {
        if (cpu.isNegative()) {
            throw new IllegalArgumentException("a CPU bound must not be negative, was " + cpu);
        }
        return atMost(Metric.CPU_TIME, cpu.toNanos(), "use", "ns of CPU");
    }

    /** Verifies at most {@code spans} spans end per invocation. */
    public MeasurementAssert hasAtMostSpansPerInvocation(double spans) {
        return atMost(Metric.SPAN_COUNT, spans, "emit", "spans");
    }

    private MeasurementAssert atMost(Metric metric, double bound, String verb, String unit) {
        isNotNull();
        double[] values = actual.values(metric);
        if (values.length == 0) {
            failWithMessage("%nExpecting %s%nto have measured %s, but this JVM or run did not measure it",
                    actual.displayName(), metric.name());
        }
        double median = median(values);
        if (median > bound) {
            failWithActualExpectedAndMessage(median, bound,
                    "%nExpecting %s%nto %s at most %,.0f %s per invocation, but it did %,.0f (median of %d rounds: %s)",
                    actual.displayName(), verb, bound, unit, median, values.length, Arrays.toString(values));
        }
        return myself;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
