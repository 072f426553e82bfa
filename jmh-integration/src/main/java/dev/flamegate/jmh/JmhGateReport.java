package dev.flamegate.jmh;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of a gated JMH run: one {@link JmhOutcome} per benchmark, in JMH's order.
 *
 * @param outcomes per benchmark
 */
public record JmhGateReport(List<JmhOutcome> outcomes) {

    public JmhGateReport {
        outcomes = List.copyOf(outcomes);
    }

    /** The benchmarks that should fail the build. */
    public List<JmhOutcome> failures() {
        return outcomes.stream().filter(JmhOutcome::failed).toList();
    }

    /** The outcome of benchmark {@code id}, e.g. {@code com.acme.PricingBench.quote[size=100]}. */
    public Optional<JmhOutcome> outcome(String id) {
        return outcomes.stream().filter(o -> o.benchmark().id().equals(id)).findFirst();
    }

    /** One line per benchmark. */
    public String summary() {
        return outcomes.stream().map(JmhOutcome::headline).collect(Collectors.joining(System.lineSeparator()));
    }

    /**
     * Fails with every failing benchmark's description (what regressed, by how much, with what confidence,
     * which frames, where the differential flame graph is), or returns quietly.
     *
     * @throws AssertionError when a benchmark regressed or, on CI, has no baseline
     */
    public void assertNoRegression() {
        List<JmhOutcome> failures = failures();
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " of " + outcomes.size() + " benchmarks failed the flamegate check:"
                    + System.lineSeparator() + failures.stream().map(o -> o.failure().orElseThrow())
                            .collect(Collectors.joining(System.lineSeparator() + System.lineSeparator())));
        }
    }
}
