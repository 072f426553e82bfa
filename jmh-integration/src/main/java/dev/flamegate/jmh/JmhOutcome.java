package dev.flamegate.jmh;

import dev.flamegate.compare.Comparison;
import dev.flamegate.gate.GateAction;
import dev.flamegate.redact.Redactor;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gate concluded for one benchmark.
 *
 * @param benchmark what was measured
 * @param comparison the comparison with the baseline ({@code NO_BASELINE} when there was none)
 * @param action what the gate did: judged it, recorded its baseline, was off, or could not do either
 * @param headline one console line: the comparison's headline, or what was recorded where
 * @param failure why the build should fail, when it should: the regression's description, or a missing baseline on CI
 * @param artifacts the benchmark's artifact directory, {@code <output>/jmh/<benchmark>[params]/}
 * @param warnings what went wrong on the side (an artifact not written, a baseline not recorded)
 */
public record JmhOutcome(JmhBenchmark benchmark, Comparison comparison, GateAction action, String headline,
        Optional<String> failure, Path artifacts, List<String> warnings) {

    public JmhOutcome {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(headline, "headline");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(artifacts, "artifacts");
        warnings = List.copyOf(warnings);
        // Console lines and assertion messages end up in public CI logs: @Param values may carry secrets.
        headline = Redactor.defaults().redact(headline);
        failure = failure.map(Redactor.defaults()::redact);
    }

    /** The one word the console shows: the verdict, or {@code RECORDED}, {@code OFF}, {@code ERROR}. */
    public String label() {
        return action.label(comparison.verdict());
    }

    /** Whether the build should fail on this benchmark. */
    public boolean failed() {
        return failure.isPresent();
    }
}
