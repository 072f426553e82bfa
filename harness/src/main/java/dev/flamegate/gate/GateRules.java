package dev.flamegate.gate;

import dev.flamegate.InvalidInputException;
import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.BaselineStore;
import dev.flamegate.baseline.RecordInstructions;
import dev.flamegate.compare.Comparison;
import dev.flamegate.compare.Verdict;
import dev.flamegate.profile.Event;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules a gated run follows, the same for profiled tests and JMH benchmarks: {@code verify} fails on a
 * regression; a missing baseline is recorded, except on CI, where {@link #ciMissingBaseline} decides;
 * {@code record} overwrites; {@code append} adds the run to the baseline, keeping the newest {@link #baselineRuns}.
 *
 * @param mode what the run does
 * @param ci whether it runs on CI
 * @param ciMissingBaseline what a missing baseline does on CI
 * @param baselineRuns how many runs {@link GateMode#APPEND} keeps in a baseline, at least 1
 */
public record GateRules(GateMode mode, boolean ci, MissingBaselinePolicy ciMissingBaseline, int baselineRuns) {

    /** Runs a baseline keeps by default in {@link GateMode#APPEND}. */
    public static final int DEFAULT_BASELINE_RUNS = 5;

    public GateRules {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(ciMissingBaseline, "ciMissingBaseline");
        if (baselineRuns < 1) {
            throw new IllegalArgumentException("keep at least 1 baseline run, was " + baselineRuns);
        }
    }

    /**
     * Whether a run is on CI: {@code configured} ({@code flamegate.ci}) when set, else the {@code CI} environment
     * variable's value; {@code true} and {@code 1} mean yes.
     */
    public static boolean onCi(Optional<String> configured, String ciVariable) {
        return configured.or(() -> Optional.ofNullable(ciVariable))
                .map(v -> v.trim().equalsIgnoreCase("true") || v.trim().equals("1")).orElse(false);
    }

    /**
     * The baseline of {@code id}, empty when none was recorded; an unreadable one is set aside (empty) when this run
     * replaces it anyway, and is an error otherwise.
     *
     * @throws InvalidInputException naming the file, when the baseline cannot be used and this run does not replace it
     */
    public Optional<Baseline> baseline(BaselineStore store, String id) {
        try {
            return store.load(id);
        } catch (InvalidInputException e) {
            if (mode.records()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * What becomes of one compared run.
     *
     * @param failure why the build fails on it, when it does: the regression's description with its flame diffs, or a
     *     missing baseline on CI
     * @param record whether to write its baseline (only ever when it does not fail)
     */
    public record Decision(Optional<String> failure, boolean record) {

        public Decision {
            Objects.requireNonNull(failure, "failure");
            if (record && failure.isPresent()) {
                throw new IllegalArgumentException("a failing run records no baseline");
            }
        }
    }

    /**
     * Decides what becomes of a run compared with {@code baseline}.
     *
     * @param baselineDirectory where the baseline is (or would be), for the message of a missing one
     * @param instructions how the front end's user records a baseline, for the messages of a missing one on CI and of
     *     a regression
     * @param diffs the differential flame graphs written, by event, for the failure message of a regression
     */
    public Decision decide(Optional<Baseline> baseline, Comparison comparison, Path baselineDirectory, RecordInstructions instructions,
            Map<Event, Path> diffs) {
        if (mode == GateMode.VERIFY && baseline.isEmpty()) {
            MissingBaselinePolicy policy = ci ? ciMissingBaseline : MissingBaselinePolicy.RECORD;
            if (policy == MissingBaselinePolicy.FAIL) {
                return new Decision(Optional.of("No baseline for " + comparison.id() + " in " + baselineDirectory
                        + ", and CI=true does not record one. " + instructions.firstRecord(comparison.id()) + "."), false);
            }
            return new Decision(Optional.empty(), policy == MissingBaselinePolicy.RECORD);
        }
        if (mode == GateMode.VERIFY && comparison.verdict() == Verdict.REGRESSION) {
            StringBuilder message = new StringBuilder(comparison.describe(instructions));
            diffs.forEach((event, path) -> message.append(System.lineSeparator())
                    .append("Differential flame graph (").append(event.id()).append("): ").append(path));
            return new Decision(Optional.of(message.toString()), false);
        }
        return new Decision(Optional.empty(), mode.records());
    }

    /**
     * The baseline to write for {@code measured}: the run itself, or in {@link GateMode#APPEND} the old baseline with
     * this run added as its newest (when both come from compatible environments; otherwise the run replaces it).
     */
    public Baseline toRecord(Baseline measured, Optional<Baseline> baseline) {
        if (mode == GateMode.APPEND && baseline.isPresent()
                && baseline.get().environment().mismatches(measured.environment()).isEmpty()) {
            return baseline.get().withRun(measured, baselineRuns);
        }
        return measured;
    }
}
