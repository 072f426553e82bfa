package dev.flamegate.measure;

import java.util.Objects;

/**
 * A scalar measured per round, e.g. CPU time per invocation.
 *
 * @param name stable identifier used in baselines and reports, e.g. {@code cpu.time}
 * @param unit unit of one value, e.g. {@code ns/op}, {@code B/op}, {@code ops/s}
 * @param better which direction is an improvement; the opposite is a regression
 */
public record Metric(String name, String unit, Better better) {

    /** Which direction of change is an improvement. */
    public enum Better {
        LOWER,
        HIGHER
    }

    /** Thread CPU time of the workload per invocation, summed over the threads it used. */
    public static final Metric CPU_TIME = new Metric("cpu.time", "ns/op", Better.LOWER);
    /** Bytes allocated per invocation (thread allocation counters). */
    public static final Metric ALLOCATED_BYTES = new Metric("alloc.bytes", "B/op", Better.LOWER);
    /** Elapsed wall-clock time per invocation. */
    public static final Metric WALL_TIME = new Metric("wall.time", "ns/op", Better.LOWER);
    /** Total number of spans per invocation. */
    public static final Metric SPAN_COUNT = new Metric("spans", "spans/op", Better.LOWER);

    public Metric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(better, "better");
        if (name.isBlank()) {
            throw new IllegalArgumentException("metric name must not be blank");
        }
    }

    /** The name of a JMH primary score ({@link #score}). */
    public static final String SCORE = "score";

    /** A JMH primary score, e.g. {@code score("ops/ms", HIGHER)} for throughput mode. */
    public static Metric score(String unit, Better better) {
        return new Metric(SCORE, unit, better);
    }

    /**
     * Whether a change from {@code before} to {@code after} is in the bad direction
     * (ignoring its size).
     */
    public boolean isWorse(double before, double after) {
        return better == Better.LOWER ? after > before : after < before;
    }
}
