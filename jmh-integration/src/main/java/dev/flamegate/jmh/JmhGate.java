package dev.flamegate.jmh;

import dev.flamegate.InvalidInputException;
import dev.flamegate.artifacts.ArtifactWriter;
import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.BaselineOptions;
import dev.flamegate.baseline.BaselineStore;
import dev.flamegate.baseline.ProfileSummary;
import dev.flamegate.compare.Comparator;
import dev.flamegate.compare.Comparison;
import dev.flamegate.compare.Verdict;
import dev.flamegate.measure.Round;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Compares JMH benchmarks with their baselines, writes their artifacts and records baselines, with the same
 * rules as the JUnit extension: {@code verify} fails on {@code REGRESSION}; a missing baseline is recorded,
 * except on CI, where it fails with the command to record it (unless configured otherwise); {@code record}
 * overwrites; a corrupt baseline fails with the file and the remedy.
 */
public final class JmhGate {

    /** The label of an outcome whose baseline was written. */
    public static final String RECORDED = "RECORDED";
    /** Runs a baseline keeps in {@link GateConfig.Mode#APPEND}. */
    static final int APPENDED_RUNS = 5;

    private JmhGate() {
    }

    /** Gates every benchmark. */
    public static JmhGateReport check(List<JmhBenchmark> benchmarks, GateConfig config) {
        BaselineStore store = BaselineStore.at(config.baselinesDir());
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
        if (config.mode() != GateConfig.Mode.VERIFY) {
            return false;
        }
        Optional<Baseline> baseline;
        try {
            baseline = BaselineStore.at(config.baselinesDir()).load(benchmark.id());
        } catch (InvalidInputException e) {
            return false;
        }
        return baseline.isPresent()
                && Comparator.compare(baseline, benchmark.measurement(), config.compare()).verdict() == Verdict.INCONCLUSIVE;
    }

    /** Outcomes of a run whose gate is off: nothing compared, written or recorded. */
    static JmhGateReport off(List<JmhBenchmark> benchmarks, GateConfig config) {
        List<JmhOutcome> outcomes = new ArrayList<>();
        for (JmhBenchmark benchmark : benchmarks) {
            Comparison none = Comparator.compare(Optional.empty(), benchmark.measurement(), config.compare());
            outcomes.add(new JmhOutcome(benchmark, none, "OFF", "OFF " + benchmark.measurement().displayName(),
                    Optional.empty(), config.jmhOutputDir(), List.of()));
        }
        return new JmhGateReport(outcomes);
    }

    private static JmhOutcome check(JmhBenchmark benchmark, GateConfig config, BaselineStore store) {
        String id = benchmark.id();
        List<String> warnings = new ArrayList<>();
        Optional<Baseline> baseline = Optional.empty();
        if (config.mode() != GateConfig.Mode.RECORD) {
            try {
                baseline = store.load(id);
            } catch (InvalidInputException e) {
                Comparison none = Comparator.compare(Optional.empty(), benchmark.measurement(), config.compare());
                return new JmhOutcome(benchmark, none, "INVALID_BASELINE", "INVALID_BASELINE " + id + ": " + e.getMessage(),
                        Optional.of(e.getMessage()),
                        config.jmhOutputDir(), warnings);
            }
        }
        Comparison comparison = Comparator.compare(baseline, benchmark.measurement(), config.compare());
        ArtifactWriter artifacts = writeArtifacts(benchmark, baseline, comparison, config);
        artifacts.result(comparison);
        warnings.addAll(artifacts.warnings());

        String label = comparison.verdict().name();
        String headline = comparison.headline();
        String failure = null;
        boolean record = config.mode().records();
        if (config.mode() == GateConfig.Mode.VERIFY && baseline.isEmpty()) {
            GateConfig.MissingBaseline policy = config.ci() ? config.ciMissingBaseline() : GateConfig.MissingBaseline.RECORD;
            if (policy == GateConfig.MissingBaseline.FAIL) {
                failure = "No baseline for " + id + " in " + store.directoryOf(id) + ", and CI=true does not record one. "
                        + "Record it with -Dflamegate.mode=record (e.g. mvn verify -Dflamegate.mode=record) and commit it.";
            }
            record = policy == GateConfig.MissingBaseline.RECORD;
        } else if (config.mode() == GateConfig.Mode.VERIFY && comparison.verdict() == Verdict.REGRESSION) {
            StringBuilder message = new StringBuilder(comparison.describe());
            for (Event event : Event.values()) {
                artifacts.path(event.id() + ".diff").ifPresent(p -> message.append(System.lineSeparator())
                        .append("Differential flame graph (").append(event.id()).append("): ").append(p));
            }
            failure = message.toString();
        }
        if (record) {
            try {
                Baseline recorded = Baseline.from(benchmark.measurement(), BaselineOptions.defaults());
                if (config.mode() == GateConfig.Mode.APPEND && baseline.isPresent()
                        && baseline.get().environment().mismatches(recorded.environment()).isEmpty()) {
                    recorded = baseline.get().withRun(recorded, APPENDED_RUNS);
                }
                store.save(recorded);
                label = RECORDED;
                headline = RECORDED + " " + benchmark.measurement().displayName() + " -> " + store.directoryOf(id);
            } catch (UncheckedIOException | InvalidInputException e) {
                String problem = "could not record the baseline in " + store.directoryOf(id) + ": " + e.getMessage();
                if (config.mode().records()) {
                    failure = problem;
                } else {
                    warnings.add(problem);
                }
            }
        }
        return new JmhOutcome(benchmark, comparison, label, headline, Optional.ofNullable(failure), artifacts.directory(),
                warnings);
    }

    private static ArtifactWriter writeArtifacts(JmhBenchmark benchmark, Optional<Baseline> baseline, Comparison comparison,
            GateConfig config) {
        ArtifactWriter writer = ArtifactWriter.forId(config.jmhOutputDir(), benchmark.id());
        String name = benchmark.measurement().displayName();
        for (Map.Entry<Event, Profile> entry : merged(benchmark.measurement().rounds()).entrySet()) {
            Profile profile = entry.getValue();
            writer.profile(profile);
            if (profile.isEmpty()) {
                continue;
            }
            writer.flame(profile, name + " (" + entry.getKey().id() + ")");
            baseline.map(b -> b.profiles().get(entry.getKey()))
                    .map(ProfileSummary::merged)
                    .filter(before -> !before.isEmpty())
                    .ifPresent(before -> writer.diff(before, profile, name + " (" + entry.getKey().id() + ", baseline → now)"));
        }
        writer.text("jmh-iterations.txt", iterationTable(benchmark));
        return writer;
    }

    /** Each event's profiles of all forks merged into one. */
    static Map<Event, Profile> merged(List<Round> rounds) {
        Map<Event, Profile.Builder> builders = new EnumMap<>(Event.class);
        for (Round round : rounds) {
            for (Profile profile : round.profiles().values()) {
                Profile.Builder builder = builders.computeIfAbsent(profile.event(),
                        e -> Profile.builder(e, profile.unit()).metadata(profile.metadata()));
                profile.stacks().forEach(s -> builder.add(s.frames(), s.weight()));
            }
        }
        Map<Event, Profile> merged = new EnumMap<>(Event.class);
        builders.forEach((event, builder) -> merged.put(event, builder.build()));
        return merged;
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
