package dev.flamegate.jmh;

import dev.flamegate.measure.Measurement;
import java.util.List;
import java.util.Objects;
import org.openjdk.jmh.annotations.Mode;

/**
 * One benchmark of a finished JMH run (one {@code @Param} combination in one mode) as flamegate sees it.
 *
 * @param id the stable id, e.g. {@code com.acme.PricingBench.quote[size=100]}; the baseline and artifact key
 * @param mode the JMH mode; throughput is better higher, the time modes lower
 * @param measurement one round per measured fork: its primary score, allocation per operation when JMH's GC
 *     profiler ran, and its profiles
 * @param iterationScores per fork, the primary score of each measured iteration: kept for reports, not for
 *     the statistics, because iterations within one fork are correlated
 */
public record JmhBenchmark(String id, Mode mode, Measurement measurement, List<List<Double>> iterationScores) {

    public JmhBenchmark {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(measurement, "measurement");
        iterationScores = iterationScores.stream().map(List::copyOf).toList();
    }
}
