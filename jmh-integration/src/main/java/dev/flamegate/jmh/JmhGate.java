package dev.flamegate.jmh;

import dev.flamegate.InvalidInputException;
import dev.flamegate.artifacts.ArtifactWriter;
import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.BaselineOptions;
import dev.flamegate.baseline.BaselineStore;
import dev.flamegate.compare.BaselineComparator;
import dev.flamegate.compare.Comparison;
import dev.flamegate.compare.Verdict;
import dev.flamegate.gate.GateAction;
import dev.flamegate.gate.GateMode;
import dev.flamegate.gate.GateRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Compares JMH benchmarks with their baselines, writes their artifacts and records baselines, with the same
 * rules as the JUnit extension: {@code verify} fails on {@code REGRESSION}; a missing baseline is recorded,
 * except on CI, where it fails with the command to record it (unless configured otherwise); {@code record}
 * overwrites; a corrupt baseline fails with the file and the remedy.
 */
public final class JmhGate {

    private JmhGate() {
    }

    /** Gates every benchmark. */
    public static JmhGateReport check(List<JmhBenchmark> benchmarks, GateConfig config) {
        BaselineStore store = BaselineStore.at(config.baselinesDir(), JmhRecordCommand.INSTANCE);
        List<JmhOutcome> outcomes = new ArrayList<>();
        for (JmhBenchmark benchmark : benchmarks) {
            outcomes.add(check(benchmark, config, store));
        }
        return new JmhGateReport(outcomes);
    }

    /**
     * The sequential rule's "not yet known" for a benchmark in {@code verify} mode: it has a readable baseline and
     * its comparison is INCONCLUSIVE (not different, and not precise enough to call the same), so more forks may
     * settle it. A missing or unreadable baseline is not something more forks fix.
     */
    static boolean notYetKnown(JmhBenchmark benchmark, GateConfig config) {
        if (config.mode() != GateMode.VERIFY) {
            return false;
        }
        Optional<Baseline> baseline;
        try {
            baseline = BaselineStore.at(config.baselinesDir(), JmhRecordCommand.INSTANCE).load(benchmark.id());
        } catch (InvalidInputException e) {
            return false;
        }
        return baseline.isPresent()
                && BaselineComparator.compare(baseline, benchmark.measurement(), config.compare()).verdict() == Verdict.INCONCLUSIVE;
    }

    /** Outcomes of a run whose gate is off: nothing compared, written or recorded. */
    static JmhGateReport off(List<JmhBenchmark> benchmarks, GateConfig config) {
        List<JmhOutcome> outcomes = new ArrayList<>();
        for (JmhBenchmark benchmark : benchmarks) {
            Comparison none = BaselineComparator.compare(Optional.empty(), benchmark.measurement(), config.compare());
            outcomes.add(new JmhOutcome(benchmark, none, GateAction.OFF, GateAction.OFF + " "
                    + benchmark.measurement().displayName(), Optional.empty(), config.jmhOutputDir(), List.of()));
        }
        return new JmhGateReport(outcomes);
    }

    private static JmhOutcome check(JmhBenchmark benchmark, GateConfig config, BaselineStore store) {
        String id = benchmark.id();
        GateRules rules = config.rules();
        Optional<Baseline> baseline;
        try {
            baseline = rules.baseline(store, id);
        } catch (InvalidInputException e) {
            Comparison none = BaselineComparator.compare(Optional.empty(), benchmark.measurement(), config.compare());
            return new JmhOutcome(benchmark, none, GateAction.FAILED, Verdict.ERROR + " " + id + ": unusable baseline",
                    Optional.of(e.getMessage()), config.jmhOutputDir(), List.of());
        }
        Comparison comparison = BaselineComparator.compare(baseline, benchmark.measurement(), config.compare());
        ArtifactWriter artifacts = ArtifactWriter.forId(config.jmhOutputDir(), benchmark.id())
                .profiles(benchmark.measurement().displayName(), benchmark.measurement().mergedProfiles(), baseline,
                        "baseline → now")
                .text("jmh-iterations.txt", iterationTable(benchmark));
        artifacts.result(comparison);
        List<String> warnings = new ArrayList<>(artifacts.warnings());

        GateRules.Decision decision = rules.decide(baseline, comparison, store.directoryOf(id),
                JmhRecordCommand.INSTANCE, artifacts.diffs());
        if (!decision.record()) {
            return new JmhOutcome(benchmark, comparison, GateAction.JUDGED, comparison.headline(), decision.failure(),
                    artifacts.directory(), warnings);
        }
        Optional<String> problem = store.trySave(rules.toRecord(Baseline.from(benchmark.measurement(), BaselineOptions.defaults()),
                baseline));
        if (problem.isEmpty()) {
            return new JmhOutcome(benchmark, comparison, GateAction.RECORDED, GateAction.RECORDED + " "
                    + benchmark.measurement().displayName() + " -> " + store.directoryOf(id), Optional.empty(),
                    artifacts.directory(), warnings);
        }
        // never RECORDED: the summary must not claim a baseline that is not there; record mode promised one
        if (!rules.mode().records()) {
            warnings.add(problem.get());
        }
        return new JmhOutcome(benchmark, comparison, GateAction.FAILED, Verdict.ERROR + " "
                + benchmark.measurement().displayName() + ": " + problem.get(),
                rules.mode().records() ? problem : Optional.empty(), artifacts.directory(), warnings);
    }

    /** The per-iteration scores, fork by fork: the correlated data the statistics do not use, for people to read. */
    private static String iterationTable(JmhBenchmark benchmark) {
        StringBuilder text = new StringBuilder("# ").append(benchmark.id()).append(" (").append(benchmark.mode().shortLabel())
                .append("): measured iterations per fork; the comparison uses one value per fork\n");
        for (int fork = 0; fork < benchmark.iterationScores().size(); fork++) {
            text.append("fork ").append(fork + 1).append(':');
            for (double score : benchmark.iterationScores().get(fork)) {
                text.append(' ').append(String.format(Locale.ROOT, "%.6g", score));
            }
            text.append('\n');
        }
        return text.toString();
    }
}
