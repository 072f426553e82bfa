package dev.flamegate.trace;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the rounds of one test agree on, made by {@link TraceShapes#consensus(List)}.
 *
 * <p>A workload whose shape differs between rounds of the same run (a cache that warms up, a retry, a
 * thread pool that batches differently) is nondeterministic: that is reported as such, never as a
 * regression. The comparison uses the {@link #stable()} shape and ignores changes at
 * {@link #unstableLocations() unstable locations}:
 * <pre>
 * ShapeConsensus now = TraceShapes.consensus(shapesPerRound);
 * ShapeDiff diff = ShapeDiff.between(baselineShape, now.stable()).without(now::isUnstable);
 * </pre>
 *
 * @param stable the shape most rounds had (the earliest such round's on a tie)
 * @param rounds how many rounds there were
 * @param agreeing how many rounds had exactly the stable shape
 * @param variations how the other rounds differed from the stable shape, each difference once, in
 *     round order
 */
public record ShapeConsensus(TraceShape stable, int rounds, int agreeing, List<ShapeChange> variations) {

    public ShapeConsensus {
        Objects.requireNonNull(stable, "stable");
        variations = List.copyOf(variations);
        if (rounds < 1 || agreeing < 1 || agreeing > rounds) {
            throw new IllegalArgumentException("inconsistent consensus: " + agreeing + " of " + rounds + " rounds");
        }
        if ((agreeing == rounds) != variations.isEmpty()) {
            throw new IllegalArgumentException("rounds that disagree need variations, and only they");
        }
    }

    /** Whether every round had the same shape. */
    public boolean deterministic() {
        return agreeing == rounds;
    }

    /** The {@link ShapeChange#location() locations} where rounds differ, each once. */
    public List<List<String>> unstableLocations() {
        Set<List<String>> locations = new LinkedHashSet<>();
        variations.forEach(v -> locations.add(v.location()));
        return List.copyOf(locations);
    }

    /** Whether {@code change} lies at or below a location where the rounds differ. */
    public boolean isUnstable(ShapeChange change) {
        List<String> location = change.location();
        for (List<String> unstable : unstableLocations()) {
            if (location.size() >= unstable.size() && location.subList(0, unstable.size()).equals(unstable)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A report for people: empty when deterministic, else a headline and the variations as diff lines,
     * e.g. {@code nondeterministic trace shape: 3 of 5 rounds agree; the others differ in:}.
     */
    public String render() {
        if (deterministic()) {
            return "";
        }
        return "nondeterministic trace shape: " + agreeing + " of " + rounds + " rounds agree; the others differ in:\n"
                + DiffText.render(new ArrayList<>(variations));
    }
}
