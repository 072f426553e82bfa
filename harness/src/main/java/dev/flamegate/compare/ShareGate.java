package dev.flamegate.compare;

import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.ProfileSummary;
import dev.flamegate.baseline.VmFrames;
import dev.flamegate.measure.Metric;
import dev.flamegate.profile.Event;
import dev.flamegate.stats.BenjaminiHochberg;
import dev.flamegate.stats.ModeratedTTest;
import dev.flamegate.stats.ModeratedVariance;
import dev.flamegate.stats.RobustStatistics;
import dev.flamegate.stats.ShiftEstimate;
import dev.flamegate.stats.YuenTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.DoubleStream;

/**
 * The gate on one call path's cost <em>relative to the rest of the same run</em>: the ratio a
 * noisy machine leaves intact. Absolute CPU time per invocation moves between JVMs by 10–20 % on a shared
 * 2-core runner (JIT decisions, heap layout, neighbours), which hides a 10 % regression in one path; but
 * those effects move most paths of the workload alike, so a path's share of the run's CPU samples mostly
 * stays put unless that path itself changed. Not always: a memory-bound leaf ({@code Arrays.fill} under
 * {@code String.repeat}) doubled its share in an unchanged run while the rest ran 40 % faster, so the odds
 * are predicted with heavy tails ({@link YuenTest.RunTails#HEAVY}), like time totals.
 *
 * <p>Shares are taken of the Java threads' work (stacks rooted in a Java frame), not of the whole
 * profile (all stacks, for profiles without Java frames), so that the JVM's own compiler and GC threads, which come and go on their own schedule, do
 * not move every path. The same holds for allocated bytes, whose total moves between JVMs with escape
 * analysis and inlining, so the {@code alloc} profile is gated for new work too ({@code alloc.newPath};
 * its existing paths' odds move with escape analysis, see {@link #ODDS_EVENTS}). For each call path of the {@code cpu} profile, the per-round odds of that share
 * {@code s / (1 - s)} (its cost relative to everything else) are compared with Yuen's test on logs,
 * whose noise floor is the larger of the configured one and the between-run spread measured in the
 * baseline's runs when it has several (pooled over its paths, and the path's own). Candidates are
 * paths holding at least the {@linkplain CompareSettings#minShareChange() minimum share change} in the
 * baseline, and at least half of it in each of its runs, whose odds grew
 * by at least the minimum effect ({@code maxRegression.cpu.path}, else the global one); their p-values are adjusted with Benjamini-Hochberg at the gate's level
 * ({@code 1 - confidence}, under no change the chance of any false alarm), and a path fails only when its
 * odds grew significantly.
 *
 * <p>A Java path that no baseline run had and that now holds at least
 * {@linkplain CompareSettings#newHotShare() the new-hot share} of the work (5 %) significantly is new work and
 * fails too (metric {@code cpu.newPath}, {@code alloc.newPath}) — unless a method of the same package with at least half its share
 * vanished while the callers the two share kept their cost (a rename or a move, said in a note).
 *
 * <p>A share can also grow because something else got faster. So a path is blamed only when the rest of
 * the profile kept its proportions: if another, disjoint path's share <em>of the rest</em> fell
 * significantly, the shift is ambiguous and is reported as a note, not a regression.
 */
final class ShareGate {

    /**
     * The profiles whose paths are gated by share: CPU time and allocated bytes. (A lock profile is mostly
     * one lock, and a wall profile's shares include idle threads; their totals are gated instead.)
     */
    static final List<Event> EVENTS = List.of(Event.CPU, Event.ALLOC);

    /**
     * The profiles whose existing paths are also tested by their odds. Not allocation: escape analysis
     * removes or keeps allocations per JVM, which moves a path's share of the bytes by 15 % between
     * unchanged runs (seen in the samples); there the total ({@code alloc.bytes}, a few percent resolved)
     * and new work decide.
     */
    static final List<Event> ODDS_EVENTS = List.of(Event.CPU);

    /** The metric a CPU path's cost relative to the rest of the run is reported as. */
    static final Metric PATH_COST = pathCost(Event.CPU);

    /** A CPU path new in this run, reported by its share of the work (relative change = share points gained). */
    static final Metric NEW_PATH = newPath(Event.CPU);

    /** {@code <event>.path}: a path's cost relative to the rest of its run, as odds of its share. */
    static Metric pathCost(Event event) {
        return new Metric(event.id() + ".path", "odds", Metric.Better.LOWER);
    }

    /** {@code <event>.newPath}: a path new in this run, by its share of the work. */
    static Metric newPath(Event event) {
        return new Metric(event.id() + ".newPath", "share", Metric.Better.LOWER);
    }

    /** How notes name a profile's paths: "CPU path", "allocation path". */
    private static String label(Event event) {
        return switch (event) {
            case CPU -> "CPU";
            case ALLOC -> "allocation";
            case LOCK -> "lock";
            case WALL -> "wall-clock";
        };
    }
    /** Between-run noise assumed for the share of a path the baseline did not have: half a point. */
    private static final double NEW_PATH_FLOOR = 0.005;

    private static final double CLAMP = 1e-4;
    /** Paths holding nearly all of the work (thread roots, the test method) say nothing about where it went. */
    private static final double MAX_SHARE = 0.9;
    /** Baseline runs from which the measured between-run spread of shares replaces the configured floor. */
    static final int MEASURED_RUNS = 3;
    static final double MIN_MEASURED_FLOOR = 0.005;

    private ShareGate() {
    }

    /** A path that got more expensive relative to the rest of its run, with the test behind it. */
    record Regression(MetricChange change, FrameChange frame) {
    }

    /** A tested path: the shift is of log-odds for a path that was there, of the share itself for a new one. */
    private record Candidate(Event event, String path, double[] before, double[] after, ShiftEstimate shift, boolean isNew) {
        boolean bigEnough(double minEffect, double newHotShare) {
            return isNew ? shift.estimate() >= newHotShare : Math.expm1(shift.estimate()) >= minEffect;
        }
    }

    /**
     * What the gate found.
     *
     * @param regressions the regressed paths, deepest first (a path is not repeated when a named descendant explains it)
     * @param notes what the reader should know: ambiguous shifts, renames and moves taken for what they are
     */
    record Result(List<Regression> regressions, List<String> notes) {

        static final Result NOTHING = new Result(List.of(), List.of());

        Result {
            regressions = List.copyOf(regressions);
            notes = List.copyOf(notes);
        }
    }

    /** Gates the call paths of {@code after} against {@code before}. */
    static Result check(Baseline before, Baseline after, CompareSettings settings) {
        if (!settings.shareGate()) {
            return Result.NOTHING;
        }
        List<Regression> regressions = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Event event : EVENTS) {
            regressions.addAll(check(event, before, after, settings, notes));
        }
        return new Result(regressions, notes);
    }

    private static List<Regression> check(Event event, Baseline before, Baseline after, CompareSettings settings,
            List<String> notes) {
        ProfileSummary b = before.profiles().get(event);
        ProfileSummary a = after.profiles().get(event);
        if (b == null || a == null) {
            return List.of();
        }
        double minEffect = settings.minEffect(pathCost(event).name());
        TreeSet<String> paths = new TreeSet<>();
        b.frames().forEach(f -> paths.add(f.path()));
        a.frames().forEach(f -> paths.add(f.path()));
        boolean anyJava = hasJavaRoot(b) || hasJavaRoot(a);
        double[] workBefore = javaWork(b, anyJava);
        double[] workAfter = javaWork(a, anyJava);
        double pooledRunSd = pooledRunSd(before, b, workBefore, settings, anyJava);
        List<Candidate> candidates = new ArrayList<>();
        // Rounds that are fresh JVMs against a baseline of one run: the rounds are the replicates.
        boolean replicates = settings.independentRounds() && before.runCount() == 1;
        List<double[][]> replicated = new ArrayList<>();
        List<String> replicatedPaths = new ArrayList<>();
        Set<String> newTops = new HashSet<>();
        for (String path : paths) {
            if (!isWork(root(path), anyJava)) {
                continue;
            }
            double[] sb = ratio(b.series(path).total(), workBefore);
            double[] sa = ratio(a.series(path).total(), workAfter);
            double shareBefore = RobustStatistics.trimmedMean(sb);
            double shareAfter = RobustStatistics.trimmedMean(sa);
            if (isNew(before, sb, settings)) {
                // The new work starts where the path leaves the baseline's tree; a summary keeps only branching
                // and leaf nodes, so that call (e.g. render;String.getBytes above an allocation's byte[]) may be an
                // ancestor of the kept path.
                String top = outermostNew(path, before, b, workBefore, settings);
                // Call chains come and go with the JIT; a method that no baseline run executed does not.
                if (newTops.add(top) && isNew(before, methodShare(b, leaf(top), workBefore), settings)) {
                    double[] topBefore = ratio(b.series(top).total(), workBefore);
                    double[] topAfter = ratio(a.series(top).total(), workAfter);
                    newPath(event, top, before, topBefore, topAfter, settings, anyJava).ifPresent(candidates::add);
                }
                continue;
            }
            // A path below the minimum share change has a few samples a round, too few for odds to mean much;
            // one that some baseline runs lack comes and goes with the JIT (an invokedynamic frame inlined or
            // not), and its odds are not one distribution.
            if (!ODDS_EVENTS.contains(event) || shareBefore < settings.minShareChange() || shareBefore > MAX_SHARE
                    || !inEveryRun(before, sb, settings)) {
                continue;
            }
            if (replicates) {
                // every path's between-round spread informs the prior, whichever way it moved
                replicated.add(new double[][] {sb, sa});
                replicatedPaths.add(path);
                continue;
            }
            if (shareAfter <= shareBefore) {
                continue;
            }
            double[][] runs = before.byRun(logOdds(sb));
            double floor = Math.max(Math.max(floor(before, settings), pooledRunSd), runSd(runs));
            // Heavy tails: whole runs move a path's share in modes (JIT, the machine's memory traffic), as they move totals.
            ShiftEstimate shift = YuenTest.withRunEffect(runs, logOdds(sa), floor, settings.confidence(), YuenTest.RunTails.HEAVY);
            if (shift.isDefined() && Math.expm1(shift.estimate()) >= minEffect) {
                candidates.add(new Candidate(event, path, sb, sa, shift, false));
            }
        }
        if (replicates) {
            candidates.addAll(replicatedCandidates(event, replicatedPaths, replicated, settings, minEffect));
        }
        double[] q = BenjaminiHochberg.adjust(candidates.stream().mapToDouble(c -> c.shift().pValue()).toArray());
        List<Candidate> significant = new ArrayList<>();
        List<Double> qs = new ArrayList<>();
        for (int i = 0; i < q.length; i++) {
            Candidate c = candidates.get(i);
            if (q[i] <= settings.alpha() && c.shift().significantlyAbove() && c.bigEnough(minEffect, settings.newHotShare())) {
                significant.add(c);
                qs.add(q[i]);
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < significant.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> -depth(significant.get(i).path())).thenComparing(i -> significant.get(i).path()));
        List<Regression> regressions = new ArrayList<>();
        List<String> named = new ArrayList<>();
        List<String> noted = new ArrayList<>();
        for (int i : order) {
            Candidate c = significant.get(i);
            if (named.stream().anyMatch(n -> n.startsWith(c.path() + ";"))) {
                continue; // a deeper named path already explains this one
            }
            Optional<String> ambiguity = c.isNew()
                    ? vanished(c, b, a, workBefore, workAfter, anyJava, settings).or(() -> splitFromCaller(c, b, a, workBefore, workAfter, settings))
                    : fellElsewhere(c, before, b, a, workBefore, workAfter, anyJava, pooledRunSd, minEffect, settings);
            if (ambiguity.isPresent()) {
                // One note per chain: the callers of a noted path grew by the same samples.
                if (noted.stream().noneMatch(n -> n.startsWith(c.path() + ";"))) {
                    String frame = lastCodeFrame(c.path(), anyJava);
                    notes.add((c.isNew() ? "the " + label(event) + " path " + frame + " is new, but " : "the "
                            + label(event) + " share of " + frame + " grew, but ") + ambiguity.get()
                            + ": the profile alone cannot tell which path changed; not counted as a regression");
                }
                noted.add(c.path());
                continue;
            }
            named.add(c.path());
            regressions.add(new Regression(change(c, minEffect), frame(c, b, a, workBefore, workAfter, qs.get(i))));
        }
        return regressions;
    }

    /**
     * The grown paths of a comparison whose rounds are independent JVMs: each path's log-odds tested with the
     * pooled two-sample t-test on the rounds, its between-round variance moderated towards the prior of all the
     * profile's tested paths ({@link ModeratedVariance}), so that five rounds a side give an interval as narrow as
     * the run's paths together justify and no assumed between-run floor is added on top of measured spread.
     */
    private static List<Candidate> replicatedCandidates(Event event, List<String> paths, List<double[][]> shares,
            CompareSettings settings, double minEffect) {
        List<double[][]> logOdds = shares.stream().map(s -> new double[][] {logOdds(s[0]), logOdds(s[1])}).toList();
        double[] variances = new double[paths.size()];
        double[] dfs = new double[paths.size()];
        for (int i = 0; i < variances.length; i++) {
            ModeratedTTest.Residual residual = ModeratedTTest.residual(logOdds.get(i)[0], logOdds.get(i)[1]);
            variances[i] = residual.variance();
            dfs[i] = residual.df();
        }
        ModeratedVariance prior = ModeratedVariance.estimate(variances, dfs);
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < variances.length; i++) {
            double[] odds0 = logOdds.get(i)[0];
            double[] odds1 = logOdds.get(i)[1];
            ShiftEstimate shift = ModeratedTTest.shift(odds0, odds1, prior, settings.confidence());
            if (shift.isDefined() && shift.estimate() > 0 && Math.expm1(shift.estimate()) >= minEffect) {
                candidates.add(new Candidate(event, paths.get(i), shares.get(i)[0], shares.get(i)[1], shift, false));
            }
        }
        return candidates;
    }

    /** Whether a path was present in every run of the baseline (at least half the minimum share change). */
    private static boolean inEveryRun(Baseline before, double[] shares, CompareSettings settings) {
        return runShares(before, shares).allMatch(s -> s >= settings.minShareChange() / 2);
    }

    /** Whether a path was absent from every run of the baseline (below half the minimum share change). */
    private static boolean isNew(Baseline before, double[] shares, CompareSettings settings) {
        return runShares(before, shares).allMatch(s -> s < settings.minShareChange() / 2);
    }

    /** The path's share in each baseline run (trimmed mean over the run's rounds). */
    private static DoubleStream runShares(Baseline before, double[] shares) {
        return Arrays.stream(before.byRun(shares)).mapToDouble(RobustStatistics::trimmedMean);
    }

    /** The shortest prefix of the new {@code path} that is new itself: its caller was in the baseline. */
    private static String outermostNew(String path, Baseline before, ProfileSummary b, double[] workBefore,
            CompareSettings settings) {
        int cut = path.indexOf(';');
        while (cut > 0) {
            String prefix = path.substring(0, cut);
            if (isNew(before, ratio(b.series(prefix).total(), workBefore), settings)) {
                return prefix;
            }
            cut = path.indexOf(';', cut + 1);
        }
        return path;
    }

    /**
     * Per round, the share of the work spent in {@code method} wherever it is called from (each stack
     * counted once, at its outermost call of the method), from the paths the summary kept.
     */
    private static double[] methodShare(ProfileSummary summary, String method, double[] work) {
        TreeSet<String> outermost = new TreeSet<>();
        for (var frame : summary.frames()) {
            String[] frames = frame.path().split(";");
            for (int i = 0; i < frames.length; i++) {
                if (frames[i].equals(method)) {
                    outermost.add(String.join(";", Arrays.copyOf(frames, i + 1)));
                    break;
                }
            }
        }
        double[] share = new double[summary.rounds()];
        boolean javaSummary = hasJavaRoot(summary);
        for (String prefix : outermost) {
            if (!isJavaRoot(root(prefix)) && javaSummary) {
                continue;
            }
            double[] total = summary.series(prefix).total();
            for (int r = 0; r < share.length; r++) {
                share[r] += total[r];
            }
        }
        return ratio(share, work);
    }

    /**
     * A path absent from the baseline that now holds a share of the work: new work, such as a method
     * that now also re-checks every rule. Tested on the share itself (its cost relative to the rest was 0);
     * only Java frames count, since JIT state alone makes interpreter and runtime frames come and go.
     */
    private static Optional<Candidate> newPath(Event event, String path, Baseline before, double[] sb, double[] sa,
            CompareSettings settings, boolean javaProfile) {
        if (!isCodeFrame(leaf(path), javaProfile) || RobustStatistics.trimmedMean(sa) < settings.newHotShare()) {
            return Optional.empty();
        }
        ShiftEstimate shift = YuenTest.withRunEffect(before.byRun(sb), sa, NEW_PATH_FLOOR, settings.confidence());
        return shift.isDefined() ? Optional.of(new Candidate(event, path, sb, sa, shift, true)) : Optional.empty();
    }

    /**
     * Whether a Java path that the baseline had vanished with at least half the new path's share: then the
     * new one may be the old one renamed or moved, not new work.
     */
    private static Optional<String> vanished(Candidate candidate, ProfileSummary b, ProfileSummary a, double[] workBefore,
            double[] workAfter, boolean javaProfile, CompareSettings settings) {
        double gained = RobustStatistics.trimmedMean(candidate.after());
        for (var frame : b.frames()) {
            String other = frame.path();
            if (!isWork(root(other), javaProfile) || !isCodeFrame(leaf(other), javaProfile) || candidate.path().startsWith(other + ";")) {
                continue;
            }
            double was = RobustStatistics.trimmedMean(ratio(frame.total(), workBefore));
            if (was < gained / 2 || !packageOf(leaf(other)).equals(packageOf(leaf(candidate.path())))) {
                continue; // a rename or move stays in its package; library methods come and go with the JIT
            }
            // The method, not just this call chain, must be gone: chains change with the JIT.
            double now = RobustStatistics.trimmedMean(methodShare(a, leaf(other), workAfter));
            if (now < settings.minShareChange() / 2 && !addedUnderCommonCaller(candidate.path(), other, gained, b, a, workBefore, workAfter)) {
                return Optional.of(String.format(Locale.ROOT, "%s (%.1f %% of the work) vanished; renamed or moved?",
                        leaf(other), 100 * was));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the new path's caller lost about as much of its own time as the new path holds: the same work one
     * frame deeper, a callee the JIT did not inline in this JVM (C2's inlining differs between JVMs) or code
     * moved into a new method, not new work.
     */
    private static Optional<String> splitFromCaller(Candidate candidate, ProfileSummary b, ProfileSummary a, double[] workBefore,
            double[] workAfter, CompareSettings settings) {
        int cut = candidate.path().lastIndexOf(';');
        if (cut < 0) {
            return Optional.empty();
        }
        String caller = candidate.path().substring(0, cut);
        double gained = RobustStatistics.trimmedMean(candidate.after());
        double lostSelf = RobustStatistics.trimmedMean(ratio(b.series(caller).self(), workBefore))
                - RobustStatistics.trimmedMean(ratio(a.series(caller).self(), workAfter));
        if (gained - lostSelf < Math.max(settings.minShareChange(), gained / 4)) {
            return Optional.of(String.format(Locale.ROOT,
                    "its caller %s lost %.1f %% of the work from its own time (a callee not inlined in this JVM, or code moved)",
                    leaf(caller), 100 * lostSelf));
        }
        // An allocation path ends in the allocated type, so the caller's own weight sits in that leaf: the same
        // bytes one frame deeper leave the caller's total where it was, where new work makes it grow. (A caller
        // that is nearly all the work cannot grow, and is not judged this way.)
        double callerBefore = RobustStatistics.trimmedMean(ratio(b.series(caller).total(), workBefore));
        double callerAfter = RobustStatistics.trimmedMean(ratio(a.series(caller).total(), workAfter));
        // Relative to the work outside the caller, which neither the split nor new work inside it changes.
        boolean grew = callerAfter >= 1 || callerAfter / (1 - callerAfter) - callerBefore / (1 - callerBefore)
                >= gained / (1 - callerAfter) / 2;
        if (callerBefore < MAX_SHARE && callerBefore >= gained / 2 && !grew) {
            return Optional.of(String.format(Locale.ROOT,
                    "its caller %s kept its share of the work (%.1f %% → %.1f %%): the same work one frame deeper (a callee"
                    + " not inlined in this JVM)", leaf(caller), 100 * callerBefore, 100 * callerAfter));
        }
        return Optional.empty();
    }

    /**
     * Whether the nearest caller that {@code newPath} and the vanished {@code oldPath} share grew, relative to
     * the work outside it, by at least half the new path's cost: then the new path is work added there, not
     * the old work under another name.
     * A rename keeps its caller's cost; a method the JIT inlined also vanishes (its cost stays in the caller),
     * and new work beside it makes the caller grow (the samples' {@code recheckRules} beside
     * {@code DiscountRule.matches}, inlined in some JVMs).
     */
    private static boolean addedUnderCommonCaller(String newPath, String oldPath, double gained, ProfileSummary b, ProfileSummary a,
            double[] workBefore, double[] workAfter) {
        String[] n = newPath.split(";");
        String[] o = oldPath.split(";");
        int common = 0;
        while (common < n.length && common < o.length && n[common].equals(o[common])) {
            common++;
        }
        if (common == 0) {
            return false;
        }
        String caller = String.join(";", Arrays.copyOf(n, common));
        double before = RobustStatistics.trimmedMean(ratio(b.series(caller).total(), workBefore));
        double after = RobustStatistics.trimmedMean(ratio(a.series(caller).total(), workAfter));
        if (before >= 1 || after >= 1) {
            return false; // the caller is all the work: nothing outside it to measure against
        }
        // Costs relative to the work outside the caller, which neither a rename nor new work inside it changes.
        double grewBy = after / (1 - after) - before / (1 - before);
        return grewBy >= gained / (1 - after) / 2;
    }

    /**
     * Whether a path disjoint from {@code path} lost share <em>of the rest</em> (everything outside
     * {@code path}) significantly: then its speed-up, not {@code path}'s slow-down, may explain the shift.
     */
    private static Optional<String> fellElsewhere(Candidate candidate, Baseline before, ProfileSummary b, ProfileSummary a,
            double[] workBefore, double[] workAfter, boolean javaProfile, double pooledRunSd, double minEffect,
            CompareSettings settings) {
        String path = candidate.path();
        double[] restBefore = rest(candidate.before());
        double[] restAfter = rest(candidate.after());
        TreeSet<String> others = new TreeSet<>();
        b.frames().forEach(f -> others.add(f.path()));
        for (String other : others) {
            if (!isWork(root(other), javaProfile) || other.equals(path) || other.startsWith(path + ";") || path.startsWith(other + ";")) {
                continue;
            }
            double[] ob = ratio(b.series(other).total(), workBefore);
            if (RobustStatistics.trimmedMean(ob) < settings.minShareChange()) {
                continue;
            }
            double[] wb = ratio(ob, restBefore);
            double[] wa = ratio(ratio(a.series(other).total(), workAfter), restAfter);
            ShiftEstimate shift = YuenTest.withRunEffect(before.byRun(RobustStatistics.logs(wb)), RobustStatistics.logs(wa), Math.max(floor(before, settings), pooledRunSd),
                    settings.confidence());
            if (shift.isDefined() && shift.significantlyBelow() && -Math.expm1(shift.estimate()) >= minEffect) {
                return Optional.of(String.format(Locale.ROOT, "%s's share of the rest fell %.1f %%",
                        leaf(other), -100 * Math.expm1(shift.estimate())));
            }
        }
        return Optional.empty();
    }

    /**
     * The least between-run noise assumed for shares: the configured floor while the baseline has fewer
     * than {@value #MEASURED_RUNS} runs; once it has that many, their measured spread speaks, down to
     * {@value #MIN_MEASURED_FLOOR}.
     */
    private static double floor(Baseline before, CompareSettings settings) {
        return before.runCount() >= MEASURED_RUNS ? MIN_MEASURED_FLOOR : settings.noiseFloor(Metric.CPU_TIME.name());
    }

    /**
     * How much a path's (log-odds) share moves between whole runs beyond its rounds' own sampling noise,
     * pooled over the baseline's paths: {@code sqrt(mean over paths of max(0, s_runs^2 - mean d_run))}, the
     * method-of-moments estimate of a random run effect. One pooled figure has many degrees of freedom
     * where one path's five runs have four; 0 for a baseline of one run.
     */
    private static double pooledRunSd(Baseline before, ProfileSummary b, double[] workBefore, CompareSettings settings,
            boolean javaProfile) {
        if (before.runCount() < 2) {
            return 0;
        }
        double sum = 0;
        int paths = 0;
        for (var frame : b.frames()) {
            if (!isWork(root(frame.path()), javaProfile)) {
                continue;
            }
            double[] shares = ratio(frame.total(), workBefore);
            double mean = RobustStatistics.trimmedMean(shares);
            if (mean < settings.minShareChange() || mean > MAX_SHARE) {
                continue;
            }
            double sd = runSd(before.byRun(logOdds(shares)));
            sum += sd * sd;
            paths++;
        }
        return paths == 0 ? 0 : Math.sqrt(sum / paths);
    }

    /** The between-run standard deviation of per-run values beyond their within-run error; 0 for one run. */
    private static double runSd(double[][] runs) {
        if (runs.length < 2) {
            return 0;
        }
        return YuenTest.RunSpread.of(runs).beyondWithin();
    }

    private static double[] logOdds(double[] shares) {
        double[] odds = odds(shares);
        for (int i = 0; i < odds.length; i++) {
            odds[i] = Math.log(odds[i]);
        }
        return odds;
    }

    private static MetricChange change(Candidate c, double minEffect) {
        double beforeShare = RobustStatistics.trimmedMean(c.before());
        double afterShare = RobustStatistics.trimmedMean(c.after());
        ShiftEstimate s = c.shift();
        if (c.isNew()) {
            return new MetricChange(newPath(c.event()), MetricChange.Status.REGRESSED, true, c.before().length, c.after().length,
                    beforeShare, afterShare, s.estimate(), s.lower(), s.upper(), s.confidence(), s.pValue(), Double.NaN,
                    s.halfWidth(), minEffect);
        }
        return new MetricChange(pathCost(c.event()), MetricChange.Status.REGRESSED, true, c.before().length, c.after().length,
                beforeShare / (1 - beforeShare), afterShare / (1 - afterShare), Math.expm1(s.estimate()),
                Math.expm1(s.lower()), Math.expm1(s.upper()), s.confidence(), s.pValue(), Double.NaN,
                Math.max(minEffect, Math.expm1(s.halfWidth())), minEffect);
    }

    private static FrameChange frame(Candidate c, ProfileSummary b, ProfileSummary a, double[] workBefore,
            double[] workAfter, double q) {
        double[] selfBefore = ratio(b.series(c.path()).self(), workBefore);
        double[] selfAfter = ratio(a.series(c.path()).self(), workAfter);
        return new FrameChange(c.event(), c.path(), FrameChange.Basis.TOTAL, RobustStatistics.trimmedMean(c.before()),
                RobustStatistics.trimmedMean(c.after()), RobustStatistics.trimmedMean(selfBefore),
                RobustStatistics.trimmedMean(selfAfter), c.shift().pValue(), q);
    }

    /**
     * Per round, the share of stacks on Java threads: the work the test or benchmark asked for. JIT
     * compiler and GC threads (native roots such as {@code clone3}, {@code [vm]}) come and go with the JVM's
     * own schedule; shares are taken of the Java work so their fluctuation does not move every path.
     */
    private static double[] javaWork(ProfileSummary summary, boolean anyJava) {
        TreeSet<String> roots = new TreeSet<>();
        summary.frames().forEach(f -> roots.add(root(f.path())));
        double[] work = new double[summary.rounds()];
        for (String root : roots) {
            if (isJavaRoot(root) || !anyJava) {
                double[] shares = summary.series(root).total();
                for (int i = 0; i < work.length; i++) {
                    work[i] += shares[i];
                }
            }
        }
        for (int i = 0; i < work.length; i++) {
            work[i] = Math.max(CLAMP, Math.min(1, work[i]));
        }
        return work;
    }

    /**
     * Whether {@code frame} is the program's own code: a Java method in a JVM profile; in other profiles
     * anything but runtime frames ({@code Class::method}, {@code [marker]}, the interpreter).
     */
    private static boolean isCodeFrame(String frame, boolean javaProfile) {
        return javaProfile ? isJavaRoot(frame)
                : !frame.contains("::") && !frame.startsWith("[") && !frame.equals("Interpreter") && !VmFrames.isGcOrVm(frame);
    }

    /** Whether stacks rooted at {@code root} are work: Java threads', or all when no thread is a Java one. */
    private static boolean isWork(String root, boolean javaProfile) {
        return isJavaRoot(root) || !javaProfile;
    }

    private static boolean hasJavaRoot(ProfileSummary summary) {
        return summary.frames().stream().anyMatch(f -> isJavaRoot(root(f.path())));
    }

    /** Whether a stack's outermost frame is a Java method (a Java thread's entry), not a native or VM frame. */
    static boolean isJavaRoot(String frame) {
        return frame.indexOf('.') > 0 && !frame.contains("::") && !frame.startsWith("[") && !frame.contains(" ")
                && !VmFrames.isGcOrVm(frame);
    }

    /** The package of a {@code pkg.Class.method} frame (the frame itself when it has no package). */
    static String packageOf(String frame) {
        int method = frame.lastIndexOf('.');
        int type = method <= 0 ? -1 : frame.lastIndexOf('.', method - 1);
        return type <= 0 ? frame : frame.substring(0, type);
    }

    private static String root(String path) {
        int cut = path.indexOf(';');
        return cut < 0 ? path : path.substring(0, cut);
    }

    private static double[] odds(double[] shares) {
        double[] odds = new double[shares.length];
        for (int i = 0; i < shares.length; i++) {
            double s = Math.min(1 - CLAMP, Math.max(CLAMP, shares[i]));
            odds[i] = s / (1 - s);
        }
        return odds;
    }

    private static double[] rest(double[] shares) {
        double[] rest = new double[shares.length];
        for (int i = 0; i < shares.length; i++) {
            rest[i] = Math.max(CLAMP, 1 - shares[i]);
        }
        return rest;
    }

    private static double[] ratio(double[] part, double[] whole) {
        double[] r = new double[part.length];
        for (int i = 0; i < part.length; i++) {
            r[i] = Math.max(CLAMP, part[i] / whole[i]);
        }
        return r;
    }

    /** The innermost frame of the program's own code on {@code path} (its leaf when there is none). */
    private static String lastCodeFrame(String path, boolean javaProfile) {
        String[] frames = path.split(";");
        for (int i = frames.length - 1; i >= 0; i--) {
            if (isCodeFrame(frames[i], javaProfile)) {
                return frames[i];
            }
        }
        return leaf(path);
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf(';') + 1);
    }

    private static int depth(String path) {
        return (int) path.chars().filter(ch -> ch == ';').count() + 1;
    }
}
