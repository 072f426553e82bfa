package dev.flamegate.trace;

import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Round;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Trace shapes of whole runs: one per round, and what the rounds agree on. */
public final class TraceShapes {

    private TraceShapes() {
    }

    /** The shape of each round's spans, in round order. */
    public static List<TraceShape> perRound(Measurement measurement, ShapeOptions options) {
        List<TraceShape> shapes = new ArrayList<>(measurement.rounds().size());
        for (Round round : measurement.rounds()) {
            shapes.add(TraceShape.of(round.spans(), options));
        }
        return shapes;
    }

    /** {@link #consensus(List)} of the rounds of {@code measurement}. */
    public static ShapeConsensus consensus(Measurement measurement, ShapeOptions options) {
        return consensus(perRound(measurement, options));
    }

    /**
     * What the rounds agree on: the most frequent shape (the earliest on a tie) and how each other
     * shape differs from it. Differences in order are included when the shapes kept order.
     *
     * @param perRound the shape of each round, at least one
     */
    public static ShapeConsensus consensus(List<TraceShape> perRound) {
        if (perRound.isEmpty()) {
            throw new IllegalArgumentException("a consensus needs at least one round");
        }
        if (perRound.stream().map(TraceShape::ordered).distinct().count() > 1) {
            throw new IllegalArgumentException("the rounds' shapes were built with different orderMatters options");
        }
        Map<TraceShape, Integer> frequency = new LinkedHashMap<>();
        for (TraceShape shape : perRound) {
            frequency.merge(shape, 1, Integer::sum);
        }
        TraceShape stable = null;
        int agreeing = 0;
        for (Map.Entry<TraceShape, Integer> entry : frequency.entrySet()) {
            if (entry.getValue() > agreeing) { // strictly greater: the earliest wins a tie
                stable = entry.getKey();
                agreeing = entry.getValue();
            }
        }
        Set<ShapeChange> variations = new LinkedHashSet<>();
        for (TraceShape other : frequency.keySet()) {
            if (!other.equals(stable)) {
                boolean order = stable.ordered() && other.ordered();
                variations.addAll(ShapeDiff.between(stable, other, DiffOptions.defaults().withReportOrder(order)).changes());
            }
        }
        return new ShapeConsensus(stable, perRound.size(), agreeing, new ArrayList<>(variations));
    }
}
