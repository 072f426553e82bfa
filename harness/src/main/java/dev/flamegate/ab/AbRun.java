package dev.flamegate.ab;

import dev.flamegate.baseline.Baseline;
import dev.flamegate.compare.Comparison;
import dev.flamegate.compare.Verdict;
import dev.flamegate.stats.ModeratedVariance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The sequential A/B loop: pairs of fresh runs of base and head, in randomised order, until every test is clearly
 * the same or clearly different at a look ({@link AbSettings#looksAfter}), the most pairs ran, or the budget is spent.
 * After the first look only the tests still unclear run again.
 */
public final class AbRun {

    private final SideRunner runner;
    private final AbSettings settings;
    private final Consumer<String> progress;

    public AbRun(SideRunner runner, AbSettings settings, Consumer<String> progress) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Runs pairs until done and compares head with base for every test either side ran. */
    public AbResult run() {
        PairOrder order = PairOrder.seeded(settings.seed());
        List<SideRun> runs = new ArrayList<>();
        Map<Integer, Set<String>> selected = new LinkedHashMap<>();
        Set<String> unclear = Set.of();
        long started = System.nanoTime();
        String stop = "the most pairs (" + settings.maxPairs() + ") ran";
        for (int pair = 1; pair <= settings.maxPairs(); pair++) {
            Duration spent = Duration.ofNanos(System.nanoTime() - started);
            Duration perPair = pair == 1 ? Duration.ZERO : spent.dividedBy(pair - 1);
            if (pair > settings.minPairs() && spent.plus(perPair).compareTo(settings.budget()) > 0) {
                stop = String.format(Locale.ROOT, "the budget (%s) would be spent before another pair ended (%d s a pair)",
                        settings.budget(), perPair.toSeconds());
                break;
            }
            Set<String> only = pair > settings.minPairs() ? unclear : Set.of();
            selected.put(pair, only);
            for (Side side : order.of(pair)) {
                progress.accept(String.format(Locale.ROOT, "pair %d: %s%s", pair, side.label(),
                        only.isEmpty() ? "" : " (" + only.size() + " unclear test" + (only.size() == 1 ? "" : "s") + ")"));
                SideRun run = runner.run(pair, side, only);
                runs.add(run);
                if (run.failed()) {
                    progress.accept(String.format(Locale.ROOT, "pair %d: %s exited with %d; see %s", pair, side.label(),
                            run.exitCode(), run.log()));
                }
            }
            // the look after the last pair is the final one, below
            if (settings.looksAfter(pair) && pair < settings.maxPairs()) {
                Map<String, AbComparator.Look> looks = look(runs, selected, settings, false);
                unclear = undecided(looks);
                if (unclear.isEmpty()) {
                    stop = "every test is clearly the same or clearly different after " + pair + " pairs";
                    break;
                }
                progress.accept("after pair " + pair + ": still unclear: " + String.join(", ", unclear));
            }
        }
        List<AbComparator.Look> tests = List.copyOf(look(runs, selected, settings, true).values());
        return new AbResult(tests, runs, selected, stop, settings.seed(), Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Compares head with base over side runs recorded earlier (as {@link AbRecords} reads them), as the final look
     * of a run would: to see the same pairs under other settings without running anything.
     *
     */
    public static AbResult compareRecorded(AbRecords records, AbSettings settings) {
        List<AbComparator.Look> tests = List.copyOf(look(records.runs(), records.selected(), settings, true).values());
        return new AbResult(tests, records.runs(), records.selected(), records.stopReason(), settings.seed(), records.took());
    }

    private static Set<String> undecided(Map<String, AbComparator.Look> looks) {
        Set<String> ids = new TreeSet<>();
        looks.forEach((id, look) -> {
            if (!look.decided()) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** Compares every test over the pairs so far. */
    private static Map<String, AbComparator.Look> look(List<SideRun> runs, Map<Integer, Set<String>> selected,
            AbSettings settings, boolean last) {
        Map<String, List<PairedRuns>> complete = new LinkedHashMap<>();
        Map<String, List<String>> problems = new LinkedHashMap<>();
        Map<String, Baseline> anyRun = new LinkedHashMap<>();
        Map<Integer, Map<Side, SideRun>> byPair = new LinkedHashMap<>();
        for (SideRun run : runs) {
            byPair.computeIfAbsent(run.pair(), p -> new LinkedHashMap<>()).put(run.side(), run);
            run.recorded().forEach((id, baseline) -> {
                anyRun.putIfAbsent(id, baseline);
                complete.computeIfAbsent(id, k -> new ArrayList<>());
                problems.computeIfAbsent(id, k -> new ArrayList<>());
            });
        }
        for (Map.Entry<Integer, Map<Side, SideRun>> entry : byPair.entrySet()) {
            int pair = entry.getKey();
            SideRun base = entry.getValue().get(Side.BASE);
            SideRun head = entry.getValue().get(Side.HEAD);
            Set<String> only = selected.getOrDefault(pair, Set.of());
            for (String id : complete.keySet()) {
                Baseline b = base == null ? null : base.recorded().get(id);
                Baseline h = head == null ? null : head.recorded().get(id);
                boolean expected = only.isEmpty() || only.contains(id);
                if (b != null && h != null) {
                    // a runner may run more than was asked (JMH runs every @Param of a listed benchmark): every complete pair counts
                    complete.get(id).add(new PairedRuns(pair, runs.indexOf(base) < runs.indexOf(head), b, h));
                } else if (expected && (b != null || h != null)) {
                    SideRun missing = b == null ? base : head;
                    problems.get(id).add(missingNote(pair, b == null ? Side.BASE : Side.HEAD, missing));
                } else if (expected && inBoth(runs, id)) {
                    problems.get(id).add("pair " + pair + ": neither side recorded this test; that pair is left out");
                }
            }
            for (SideRun run : entry.getValue().values()) {
                run.problems().forEach(p -> problems.values().forEach(list -> list.add("pair " + pair + ", " + run.side().label()
                        + ": unreadable record: " + p)));
            }
        }
        List<List<PairedRuns>> all = complete.values().stream().filter(l -> !l.isEmpty()).toList();
        Map<String, ModeratedVariance> priors = AbComparator.priors(all);
        Map<String, AbComparator.Look> looks = new LinkedHashMap<>();
        for (Map.Entry<String, List<PairedRuns>> entry : complete.entrySet()) {
            String id = entry.getKey();
            List<PairedRuns> pairs = entry.getValue();
            if (pairs.isEmpty()) {
                looks.put(id, new AbComparator.Look(oneSided(id, anyRun.get(id), runs, problems.get(id)), true,
                        AbComparator.merged(recordedBy(runs, Side.BASE, id)), AbComparator.merged(recordedBy(runs, Side.HEAD, id))));
            } else {
                looks.put(id, AbComparator.compare(pairs, settings.compare(), settings.sameWithin(), priors, settings.lookConfidence(last), problems.get(id)));
            }
        }
        return looks;
    }

    /** Whether both sides recorded {@code id} in some pair: then a pair without it on either side lost it. */
    private static boolean inBoth(List<SideRun> runs, String id) {
        return !recordedBy(runs, Side.BASE, id).isEmpty() && !recordedBy(runs, Side.HEAD, id).isEmpty();
    }

    private static List<Baseline> recordedBy(List<SideRun> runs, Side side, String id) {
        return runs.stream().filter(r -> r.side() == side && r.recorded().containsKey(id)).map(r -> r.recorded().get(id)).toList();
    }

    private static String missingNote(int pair, Side missingSide, SideRun run) {
        String how = run == null ? "did not run" : run.failed() ? "exited with " + run.exitCode() : "exited normally";
        return String.format(Locale.ROOT, "pair %d: %s recorded nothing for this test (%s%s); that pair is left out",
                pair, missingSide.label(), how, run == null ? "" : ", see " + run.log());
    }

    /** A test only one side ever recorded: new in head (no baseline), or failing, throwing or removed in head. */
    private static Comparison oneSided(String id, Baseline some, List<SideRun> runs, List<String> problems) {
        boolean inBase = !recordedBy(runs, Side.BASE, id).isEmpty();
        boolean inHead = !recordedBy(runs, Side.HEAD, id).isEmpty();
        Comparison.Builder result = Comparison.builder(id, some.displayName(), some.environment());
        if (inHead && !inBase) {
            result.verdict(Verdict.NO_BASELINE).note("A/B: only head has this test (new in head, or it failed in every base"
                    + " run); nothing to compare it with");
        } else {
            result.verdict(Verdict.ERROR).note("A/B: base recorded this test but head never did: in head it failed, threw,"
                    + " was skipped or was removed; see the head runs' logs");
        }
        problems.forEach(result::note);
        return result.build();
    }
}
